/**
 * Webhook ingest (issue 8): signed Cloud API deliveries (the sample inbound text, a fresh wamid each) against
 * `taskline webhook` with JetStream on, and the same load against a bare fastify route that parses JSON and answers
 * 200 (the ceiling), measured in the same run. Closed loop at 1, 16 and 64 connections, then 1,000 requests/s open
 * loop on the webhook. Prints a table; writes bench/results/ingest.json.
 *   node bench/ingest.bench.ts [seconds per step]       (make bench)
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { connectNats, ensureTenantStream, jetstreamManager, signBody, streamName } from '@taskline/core';
import { startRole, freePort } from '../test/support/processes.ts';
import { NATS_URL, SAMPLES_DIR, uniqueTenant } from '../test/support/services.ts';
import { processUsage } from './lib/measure.ts';

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
const load = (url: string, options: { connections: number; overallRate?: number }) =>
  autocannon({
    url: `${url}/webhook`,
    duration: seconds,
    connections: options.connections,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
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
}
const rows: Row[] = [];
const record = (target: string, connections: number | string, result: autocannon.Result) => {
  const row = {
    target,
    connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
  rows.push(row);
  return row;
};

const ratios: { connections: number; ratio: number }[] = [];
const cpuBefore = await processUsage(webhook.child.pid!);
for (const connections of [1, 16, 64]) {
  const ceiling = record(
    'bare fastify',
    connections,
    await load(`http://127.0.0.1:${barePort}`, { connections }),
  );
  const ours = record('taskline webhook', connections, await load(webhook.url, { connections }));
  ratios.push({ connections, ratio: ours.rps / ceiling.rps });
}
const fixed = record(
  'taskline webhook',
  '1000 req/s',
  await load(webhook.url, { connections: 32, overallRate: 1000 }),
);
const usage = await processUsage(webhook.child.pid!);

console.log(
  `\nwebhook ingest, ${seconds} s per step (this 2-core machine runs the generator, NATS and both servers)`,
);
console.log(
  `${'target'.padEnd(18)} ${'conns'.padStart(10)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}`,
);
for (const r of rows) {
  console.log(
    `${r.target.padEnd(18)} ${String(r.connections).padStart(10)} ${String(r.rps).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(7)}`,
  );
}
for (const r of ratios)
  console.log(
    `ratio to the ceiling at ${r.connections} connections: ${(r.ratio * 100).toFixed(0)}% (target >= 60%)`,
  );
console.log(`at 1,000 req/s: p99 ${fixed.p99} ms (target < 10 ms), ${fixed.rps} req/s served`);
console.log(
  `webhook RSS ${usage.rssMb.toFixed(0)} MB, CPU ${(usage.cpuSeconds - cpuBefore.cpuSeconds).toFixed(1)} s`,
);

const info = await jsm.streams.info(streamName(tenant));
console.log(
  `JetStream holds ${info.state.messages} distinct messages (duplicates were deduplicated by wamid)`,
);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(
  new URL('./results/ingest.json', import.meta.url),
  JSON.stringify(
    { at: new Date().toISOString(), seconds, rows, ratios, fixedRate: fixed, webhookRssMb: usage.rssMb },
    null,
    2,
  ),
);

bare.kill();
await webhook.stop();
await jsm.streams.delete(streamName(tenant));
await nc.close();
