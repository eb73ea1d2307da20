/**
 * Webhook ingest (issue 8): signed Cloud API deliveries (the sample inbound text, a fresh wamid each) against
 * `taskline webhook` with JetStream on, and the same load against a bare fastify route that parses JSON and answers
 * 200 (the ceiling), measured in the same run. Closed loop at 1, 16 and 64 connections (the two take turns, three
 * rounds each, the median round kept), then 1,000 requests/s open loop on both. Prints a table; writes
 * bench/results/ingest.json.
 *   node bench/ingest.bench.ts [seconds per step]       (make bench)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { connectNats, ensureTenantStream, jetstreamManager, signBody, streamName } from '@taskline/core';
import { bundleTaskline } from '../scripts/bundle.ts';
import { startRole, freePort } from '../test/support/processes.ts';
import { NATS_URL, SAMPLES_DIR, uniqueTenant } from '../test/support/services.ts';
import { processUsage } from './lib/measure.ts';
import { openLoop } from './lib/open-loop.ts';

const seconds = Number(process.argv[2] ?? 5);
const SECRET = 'bench-app-secret-0123456789';
const tenant = uniqueTenant('ingest');
const sample = await readFile(new URL('inbound-text.json', SAMPLES_DIR), 'utf8');
const bodies = Array.from({ length: 20_000 }, (_, i) => {
  const body = sample.replace(/"id": "wamid\.[^"]+"/, `"id": "wamid.bench.${tenant}.${i}"`);
  return { body, signature: signBody(Buffer.from(body), SECRET) };
});

const nc = await connectNats(NATS_URL, 'bench-ingest');
const jsm = await jetstreamManager(nc);
await ensureTenantStream(jsm, tenant);
// As the image runs it: the bundle (scripts/bundle.ts).
await bundleTaskline();
const webhook = await startRole('webhook', {
  TENANT: tenant,
  NATS_URL,
  WHATSAPP_APP_SECRET: SECRET,
  WHATSAPP_VERIFY_TOKEN: 'v',
  LOG_LEVEL: 'error',
  ...(process.env.WEBHOOK_NODE_OPTIONS ? { NODE_OPTIONS: process.env.WEBHOOK_NODE_OPTIONS } : {}),
});
const barePort = await freePort();
const bare = spawn(process.execPath, [new URL('./lib/bare-server.ts', import.meta.url).pathname], {
  env: { ...process.env, PORT: String(barePort) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => bare.stdout.once('data', resolve));

let next = 0;
const load = (url: string, options: { connections: number }) =>
  autocannon({
    url: `${url}/webhook`,
    duration: seconds,
    connections: options.connections,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { body, signature } = bodies[next++ % bodies.length]!;
          return {
            ...request,
            body,
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
          };
        },
      },
    ],
  });

interface Row {
  target: string;
  connections: number | string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU of the server process, and of nats-server, per request answered. */
  serverUsPerRequest: number;
  natsUsPerRequest: number | null;
  /** The rate of every round, for the closed-loop steps (the row is the median round). */
  runs?: number[];
}
const rows: Row[] = [];
const natsPid = Number(spawnSync('pgrep', ['-x', 'nats-server'], { encoding: 'utf8' }).stdout.split('\n')[0]);
const cpu = async (pid: number) =>
  Number.isFinite(pid) && pid > 0 ? (await processUsage(pid)).cpuSeconds : NaN;

/** Runs one step and returns its figures with the CPU the server and NATS spent on it. */
async function step(
  target: string,
  connections: number | string,
  pid: number,
  run: () => Promise<
    Omit<Row, 'target' | 'connections' | 'serverUsPerRequest' | 'natsUsPerRequest'> & { total: number }
  >,
): Promise<Row> {
  const [server0, nats0] = [await cpu(pid), await cpu(natsPid)];
  const { total, ...result } = await run();
  const [server1, nats1] = [await cpu(pid), await cpu(natsPid)];
  const perRequest = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, total));
  const natsUs = perRequest(nats1 - nats0);
  const row = {
    target,
    connections,
    ...result,
    serverUsPerRequest: perRequest(server1 - server0),
    natsUsPerRequest: Number.isFinite(natsUs) ? natsUs : null,
  };
  return row;
}
const closedLoop = async (url: string, connections: number) => {
  const result = await load(url, { connections });
  return {
    total: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
};
const delivery = () => {
  const { body, signature } = bodies[next++ % bodies.length]!;
  return {
    path: '/webhook',
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
  };
};
const bareUrl = `http://127.0.0.1:${barePort}`;
const webhookPid = webhook.child.pid!;

const ratios: { connections: number; ratio: number }[] = [];
// The two targets take turns, ROUNDS times at each concurrency, and the median of each is kept: on a shared
// machine one run of either can lose a third of its rate to a neighbour, and the ratio would show that instead.
const ROUNDS = 3;
const median = (runs: Row[]) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
for (const connections of [1, 16, 64]) {
  const bareRuns: Row[] = [];
  const ourRuns: Row[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await step('bare fastify', connections, bare.pid!, () => closedLoop(bareUrl, connections)));
    ourRuns.push(
      await step('taskline webhook', connections, webhookPid, () => closedLoop(webhook.url, connections)),
    );
  }
  const [ceiling, ours] = [median(bareRuns), median(ourRuns)];
  rows.push({ ...ceiling, runs: bareRuns.map((r) => r.rps) }, { ...ours, runs: ourRuns.map((r) => r.rps) });
  ratios.push({ connections, ratio: ours.rps / ceiling.rps });
}
// 1,000 requests/s evenly spaced, open loop (see open-loop.ts for why not autocannon's overallRate), against the
// bare route first: its latency is the floor this machine and generator give.
const atFixedRate = (target: string, url: string, pid: number) =>
  step(target, '1000 req/s', pid, async () => {
    const duration = Math.max(seconds, 10);
    const { max: _max, ...result } = await openLoop(url, {
      rate: 1000,
      seconds: duration,
      connections: 32,
      request: delivery,
    });
    return { total: 1000 * duration, ...result };
  });
const floor = await atFixedRate('bare fastify', bareUrl, bare.pid!);
const fixed = await atFixedRate('taskline webhook', webhook.url, webhookPid);
rows.push(floor, fixed);
const usage = await processUsage(webhookPid);

console.log(
  `\nwebhook ingest, ${seconds} s per step (this 2-core machine runs the generator, NATS and both servers)`,
);
const columns = [
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'server µs/req',
  'NATS µs/req',
  'req/s of each round',
];
console.log(
  `${'target'.padEnd(18)} ${'conns'.padStart(10)} ${columns.map((c) => c.padStart(c.length > 8 ? 13 : 8)).join(' ')}`,
);
for (const r of rows) {
  const cells = [r.rps, r.p50, r.p99, r.errors].map((v) => String(v).padStart(8));
  const cpuCells = [r.serverUsPerRequest, r.natsUsPerRequest ?? '-'].map((v) => String(v).padStart(13));
  const rounds = `  ${r.runs?.join(' / ') ?? ''}`;
  console.log(
    `${r.target.padEnd(18)} ${String(r.connections).padStart(10)} ${[...cells, ...cpuCells].join(' ')}${rounds}`,
  );
}
for (const r of ratios)
  console.log(
    `ratio to the ceiling at ${r.connections} connections: ${(r.ratio * 100).toFixed(0)}% (target >= 60%)`,
  );
console.log(
  `at 1,000 req/s (open loop, evenly spaced): p50 ${fixed.p50} ms, p99 ${fixed.p99} ms (target < 10 ms); the bare route: p50 ${floor.p50} ms, p99 ${floor.p99} ms`,
);
console.log(`webhook RSS ${usage.rssMb.toFixed(0)} MB`);

const info = await jsm.streams.info(streamName(tenant));
console.log(
  `JetStream holds ${info.state.messages} distinct messages (duplicates were deduplicated by wamid)`,
);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(
  new URL('./results/ingest.json', import.meta.url),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      seconds,
      rows,
      ratios,
      fixedRate: fixed,
      fixedRateFloor: floor,
      webhookRssMb: usage.rssMb,
    },
    null,
    2,
  ),
);

bare.kill();
await webhook.stop();
await jsm.streams.delete(streamName(tenant));
await nc.close();
