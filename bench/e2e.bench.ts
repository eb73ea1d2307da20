/**
 * End to end (issue 8): signed webhooks from 1,000 distinct users -> `taskline webhook` -> JetStream -> `taskline
 * worker` x N (offline model, PostgreSQL) -> sender -> simulator (which also sends the delivery statuses back, as
 * Meta does). Measures sustained replies per second, reply latency from webhook receipt to Cloud API accepted
 * (from the database), CPU and memory per role, and checks that every message got exactly one reply and one task.
 * Compared with the raw JetStream publish + consume rate on the same machine. With several tenants each has its own
 * webhook, workers and simulator (as the operator deploys them) and the users and load are split between them.
 * Writes bench/results/e2e-<workers>w-<tenants>t.json.
 *   node bench/e2e.bench.ts [messages=2000] [workers per tenant=1] [rate=0 (as fast as possible)] [tenants=1]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { AckPolicy, jetstream } from '@nats-io/jetstream';
import {
  connectNats,
  createLogger,
  jetstreamManager,
  migrate,
  openOrm,
  seedTenant,
  signBody,
  streamName,
} from '@taskline/core';
import { bundleTaskline } from '../scripts/bundle.ts';
import { startRole, freePort, type RoleProcess } from '../test/support/processes.ts';
import { freshDatabase, NATS_URL, uniqueTenant } from '../test/support/services.ts';
import { commandUsage, machineBusySeconds, processUsage, usedSince } from './lib/measure.ts';
import { openLoop } from './lib/open-loop.ts';

const total = Number(process.argv[2] ?? 2000);
const workers = Number(process.argv[3] ?? 1);
const rate = Number(process.argv[4] ?? 0);
const tenantCount = Number(process.argv[5] ?? 1);
const USERS = 1000;
const WARM = 100;
const SECRET = 'bench-app-secret-0123456789';
const TOKEN = 'bench-token';

// The ceiling of the queue itself: publish and consume with acks on one stream, in this process.
async function rawJetStream(count: number): Promise<number> {
  const nc = await connectNats(NATS_URL, 'bench-raw');
  const jsm = await jetstreamManager(nc);
  const name = `BENCH_RAW_${Date.now()}`;
  await jsm.streams.add({ name, subjects: [`bench.raw.${name}`] });
  await jsm.consumers.add(name, { durable_name: 'c', ack_policy: AckPolicy.Explicit });
  const js = jetstream(nc);
  const started = performance.now();
  const payload = JSON.stringify({ text: 'x'.repeat(600) });
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, () => js.publish(`bench.raw.${name}`, payload)),
    );
  }
  const consumer = await js.consumers.get(name, 'c');
  const messages = await consumer.consume({ max_messages: 500 });
  let seen = 0;
  for await (const msg of messages) {
    msg.ack();
    if (++seen === count) break;
  }
  const rate = count / ((performance.now() - started) / 1000);
  await jsm.streams.delete(name);
  await nc.close();
  return rate;
}

// The roles run as the image runs them: the bundle (scripts/bundle.ts).
await bundleTaskline();
const databaseUrl = await freshDatabase('bench_e2e');
await migrate(databaseUrl, createLogger('bench', 'silent'));
const orm = await openOrm({ databaseUrl });

/** One tenant as the operator deploys it: its webhook and workers, with its own simulated Cloud API number. */
interface Pipeline {
  tenant: string;
  phoneNumberId: string;
  phones: string[];
  webhook: RoleProcess;
  workers: RoleProcess[];
  simulator: RoleProcess;
}

async function startPipeline(index: number, phones: string[]): Promise<Pipeline> {
  const tenant = uniqueTenant('e2e');
  const phoneNumberId = String(106540352242922 + index);
  await seedTenant(orm, {
    tenant,
    phoneNumberId,
    users: phones.map((phone, i) => ({ name: `User ${index}.${i}`, phone })),
  });
  const webhookPort = await freePort();
  const simulator = await startRole('simulator', {
    SIMULATOR_PHONE_NUMBER_ID: phoneNumberId,
    SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhook`,
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_APP_SECRET: SECRET,
    LOG_LEVEL: 'error',
  });
  const webhook = await startRole(
    'webhook',
    { TENANT: tenant, NATS_URL, WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'v', LOG_LEVEL: 'error' },
    { port: webhookPort },
  );
  const workerProcesses: RoleProcess[] = [];
  for (let i = 0; i < workers; i++) {
    workerProcesses.push(
      await startRole(
        'worker',
        {
          TENANT: tenant,
          NATS_URL,
          DATABASE_URL: databaseUrl,
          WHATSAPP_ACCESS_TOKEN: TOKEN,
          WHATSAPP_PHONE_NUMBER_ID: phoneNumberId,
          WHATSAPP_API_URL: `${simulator.url}/v24.0`,
          // PostgreSQL allows 100 connections and each worker holds about concurrency * 1.25 + 2 of them.
          WORKER_CONCURRENCY:
            process.env.WORKER_CONCURRENCY ?? String(Math.max(4, Math.floor(16 / tenantCount))),
          LOG_LEVEL: 'error',
          // As the operator starts it (worker.heapMegabytes, default 256).
          NODE_OPTIONS:
            process.env.WORKER_NODE_OPTIONS ?? '--max-semi-space-size=16 --max-old-space-size=256',
        },
        { readyTimeoutMs: 120_000 },
      ),
    );
  }
  return { tenant, phoneNumberId, phones, webhook, workers: workerProcesses, simulator };
}

if (total % tenantCount || WARM % tenantCount || USERS % tenantCount)
  throw new Error(`tenants must divide the message count, ${WARM} (the warm-up) and ${USERS}`);
const phones = Array.from({ length: USERS }, (_, i) => `+55119${String(10_000_000 + i).padStart(8, '0')}`);
const pipelines: Pipeline[] = [];
for (let t = 0; t < tenantCount; t++) {
  pipelines.push(
    await startPipeline(
      t,
      phones.filter((_, i) => i % tenantCount === t),
    ),
  );
}

/** Message i of a tenant's share of the load, from one of its users in turn. */
const delivery = (pipeline: Pipeline, i: number) => {
  const from = pipeline.phones[i % pipeline.phones.length]!.slice(1);
  const tenant = pipeline.tenant;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: pipeline.phoneNumberId },
              contacts: [{ profile: { name: `User ${from}` }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.bench.${tenant}.${i}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: `create a task to review report number ${i}` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return { body, signature: signBody(Buffer.from(body), SECRET) };
};

/**
 * Sends `count` messages split evenly between the tenants, 16 connections in all; totals what the webhooks answered.
 * At a given rate the messages are evenly spaced (an open loop: autocannon's `overallRate` sends each connection's
 * share of a second back to back as the second starts, so "20/s" was a burst of 20 every second, and its latency
 * was the burst's queueing).
 */
const send = async (from: number, count: number, overallRate: number) => {
  if (overallRate) {
    const results = await Promise.all(
      pipelines.map((pipeline) => {
        const first = from / tenantCount;
        const rate = overallRate / tenantCount;
        return openLoop(pipeline.webhook.url, {
          rate,
          seconds: count / tenantCount / rate,
          connections: Math.max(1, Math.round(16 / tenantCount)),
          request: (i) => {
            const { body, signature } = delivery(pipeline, first + i);
            return {
              path: '/webhook',
              body,
              headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
            };
          },
        });
      }),
    );
    return { requests: count, non2xx: results.reduce((sum, r) => sum + r.errors, 0) };
  }
  const results = await Promise.all(
    pipelines.map((pipeline) => {
      let next = from / tenantCount;
      const share = count / tenantCount;
      return autocannon({
        url: `${pipeline.webhook.url}/webhook`,
        amount: share,
        connections: Math.max(1, Math.round(16 / tenantCount)),
        ...(overallRate ? { overallRate: overallRate / tenantCount } : {}),
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const { body, signature } = delivery(pipeline, next++);
              return {
                ...request,
                body,
                headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
              };
            },
          },
        ],
      });
    }),
  );
  return {
    requests: results.reduce((sum, r) => sum + r.requests.total, 0),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
  };
};

const replied = async () => {
  const [row] = await orm.em
    .fork()
    .execute<{ count: string }[]>(
      `select count(*) from whatsapp_messages where direction = 'out' and sent_at is not null`,
    );
  return Number(row!.count);
};
const waitForReplies = async (count: number, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while ((await replied()) < count) {
    if (Date.now() > deadline) {
      for (const worker of pipelines.flatMap((p) => p.workers)) console.error(worker.output().slice(-3000));
      throw new Error(`only ${await replied()} of ${count} replies in ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

// Warm-up: the first messages load the offline model and Mastra's memory tables.
await send(0, WARM, 50);
await waitForReplies(WARM, 60_000);

/** PostgreSQL's own counters: transactions, WAL written (the whole server), and row updates (how many HOT). */
const database = async () => {
  const [row] = await orm.em.fork().execute<{ xacts: string; wal: string; updates: string; hot: string }[]>(
    `select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()) as xacts,
            pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') as wal,
            (select sum(n_tup_upd) from pg_stat_user_tables) as updates,
            (select sum(n_tup_hot_upd) from pg_stat_user_tables) as hot`,
  );
  return {
    transactions: Number(row!.xacts),
    walBytes: Number(row!.wal),
    updates: Number(row!.updates),
    hotUpdates: Number(row!.hot),
  };
};
const measured = pipelines.flatMap((p) => [
  { role: 'webhook', process: p.webhook },
  ...p.workers.map((process) => ({ role: 'worker', process })),
  { role: 'simulator', process: p.simulator },
]);
// What the tenants cost doing nothing (consumer pulls, the scheduler, heartbeats), over 10 s once the warm-up's
// delivery statuses have settled.
await new Promise((resolve) => setTimeout(resolve, 5000));
const idleSeconds = 10;
const idleBefore = await Promise.all(measured.map((m) => processUsage(m.process.child.pid!)));
await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
const before = await Promise.all(measured.map((m) => processUsage(m.process.child.pid!)));
const idleCpuPercent =
  (before.reduce((sum, u, i) => sum + u.cpuSeconds - idleBefore[i]!.cpuSeconds, 0) / idleSeconds) * 100;
const databaseBefore = await database();
const sharedBefore = {
  postgres: await commandUsage('postgres'),
  nats: await commandUsage('nats-server'),
  generator: process.cpuUsage(),
  machine: await machineBusySeconds(),
};
const started = Date.now();
const load = await send(WARM, total, rate);
await waitForReplies(WARM + total, 600_000);
const seconds = (Date.now() - started) / 1000;
const after = await Promise.all(measured.map((m) => processUsage(m.process.child.pid!)));
const generatorCpu = process.cpuUsage(sharedBefore.generator);
// What the shared parts spent on the load: PostgreSQL (all backends), NATS, this process (the load generator and
// the waits on the database), and the whole machine (2 cores = 200%).
const sharedSeconds = {
  postgres: usedSince(sharedBefore.postgres, await commandUsage('postgres')),
  'nats-server': usedSince(sharedBefore.nats, await commandUsage('nats-server')),
  generator: (generatorCpu.user + generatorCpu.system) / 1e6,
  machine: (await machineBusySeconds()) - sharedBefore.machine,
};
const rolesSeconds = measured.reduce((sum, _, i) => sum + after[i]!.cpuSeconds - before[i]!.cpuSeconds, 0);
// Anything else that ran meanwhile (other work on the machine, the kernel): a large figure means a noisy run.
const otherSeconds =
  sharedSeconds.machine -
  rolesSeconds -
  sharedSeconds.postgres -
  sharedSeconds['nats-server'] -
  sharedSeconds.generator;
const shared = Object.entries({ ...sharedSeconds, 'everything else': otherSeconds }).map(
  ([part, cpuSeconds]) => ({
    part,
    cpuPercent: (cpuSeconds / seconds) * 100,
    cpuMsPerMessage: (cpuSeconds / total) * 1000,
  }),
);
// The statistics collector reports with a delay of up to half a second.
await new Promise((resolve) => setTimeout(resolve, 1000));
const databaseAfter = await database();
const transactionsPerMessage = (databaseAfter.transactions - databaseBefore.transactions) / total;
const walKbPerMessage = (databaseAfter.walBytes - databaseBefore.walBytes) / total / 1024;
const updates = databaseAfter.updates - databaseBefore.updates;
const updatesPerMessage = updates / total;
const hotUpdatePercent = updates
  ? ((databaseAfter.hotUpdates - databaseBefore.hotUpdates) / updates) * 100
  : 0;

const [latency] = await orm.em.fork().execute<{ p50: number; p95: number; p99: number; max: number }[]>(
  `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95,
          percentile_cont(0.99) within group (order by ms) as p99, max(ms) as max
   from (select extract(epoch from (o.sent_at - (i.status_history->0->>'at')::timestamptz)) * 1000 as ms
         from whatsapp_messages o join whatsapp_messages i on i.wamid = o.in_reply_to
         where o.direction = 'out' and i.created_at >= ?) t`,
  // The measured messages only, not the warm-up.
  [new Date(started).toISOString()],
);
const [counts] = await orm.em
  .fork()
  .execute<{ inbound: string; replies: string; tasks: string; doubled: string }[]>(
    `select (select count(*) from whatsapp_messages where direction = 'in') as inbound,
          (select count(*) from whatsapp_messages where direction = 'out') as replies,
          (select count(*) from tasks) as tasks,
          (select count(*) from (select in_reply_to from whatsapp_messages where direction = 'out'
             group by in_reply_to having count(*) > 1) d) as doubled`,
  );
const raw = await rawJetStream(20_000);

// Per role: processes, their CPU together (percent of one core, and ms per message), the largest RSS and the sum.
const usage = ['webhook', 'worker', 'simulator'].map((role) => {
  const of = measured.flatMap((m, i) =>
    m.role === role ? [{ idle: idleBefore[i]!, before: before[i]!, after: after[i]! }] : [],
  );
  const cpuSeconds = of.reduce((sum, u) => sum + u.after.cpuSeconds - u.before.cpuSeconds, 0);
  return {
    role,
    processes: of.length,
    idleCpuPercent:
      (of.reduce((sum, u) => sum + u.before.cpuSeconds - u.idle.cpuSeconds, 0) / idleSeconds) * 100,
    cpuSeconds,
    cpuPercent: (cpuSeconds / seconds) * 100,
    cpuMsPerMessage: (cpuSeconds / total) * 1000,
    rssMb: Math.max(...of.map((u) => u.after.rssMb)),
    rssTotalMb: of.reduce((sum, u) => sum + u.after.rssMb, 0),
  };
});
const throughput = total / seconds;
console.log(
  `\nend to end: ${total} messages from ${USERS} users, ${tenantCount} tenant(s) with ${workers} worker(s) each, ${rate ? `${rate}/s offered` : 'as fast as possible'}`,
);
console.log(
  `sustained: ${throughput.toFixed(0)} replies/s over ${seconds.toFixed(1)} s (target >= 500/s); webhooks answered ${load.requests} with ${load.non2xx} non-2xx`,
);
console.log(
  `reply latency (webhook receipt -> Cloud API accepted): p50 ${Math.round(latency!.p50)} ms, p95 ${Math.round(latency!.p95)} ms, p99 ${Math.round(latency!.p99)} ms, max ${Math.round(latency!.max)} ms`,
);
console.log(
  `exactly once: ${counts!.inbound} inbound, ${counts!.replies} replies, ${counts!.tasks} tasks, ${counts!.doubled} messages answered twice`,
);
console.log(
  `raw JetStream publish + consume on this machine: ${raw.toFixed(0)} msg/s (ratio ${((throughput / raw) * 100).toFixed(1)}%)`,
);
console.log(
  `idle (before the load): all roles together ${idleCpuPercent.toFixed(1)}% of one core, ${(idleCpuPercent / tenantCount).toFixed(1)}% per tenant`,
);
console.log(
  `PostgreSQL transactions per message (its statistics, all roles): ${transactionsPerMessage.toFixed(1)}; ` +
    `WAL ${walKbPerMessage.toFixed(1)} kB; row updates ${updatesPerMessage.toFixed(1)} (${hotUpdatePercent.toFixed(0)}% HOT, no index changed)`,
);
console.log(
  `${'role'.padEnd(10)} ${'processes'.padStart(9)} ${'idle CPU %'.padStart(10)} ${'CPU %'.padStart(7)} ${'CPU ms/msg'.padStart(11)} ${'RSS MB max'.padStart(11)} ${'RSS MB sum'.padStart(11)}`,
);
for (const u of usage)
  console.log(
    `${u.role.padEnd(10)} ${String(u.processes).padStart(9)} ${u.idleCpuPercent.toFixed(1).padStart(10)} ${u.cpuPercent.toFixed(0).padStart(7)} ${u.cpuMsPerMessage.toFixed(1).padStart(11)} ${u.rssMb.toFixed(0).padStart(11)} ${u.rssTotalMb.toFixed(0).padStart(11)}`,
  );

for (const u of shared)
  console.log(
    `${u.part.padEnd(20)} ${''.padStart(10)} ${u.cpuPercent.toFixed(0).padStart(7)} ${u.cpuMsPerMessage.toFixed(1).padStart(11)}`,
  );

await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(
  new URL(`./results/e2e-${workers}w-${tenantCount}t.json`, import.meta.url),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      total,
      workers,
      tenants: tenantCount,
      rate,
      seconds,
      throughput,
      latency,
      counts,
      raw,
      transactionsPerMessage,
      walKbPerMessage,
      updatesPerMessage,
      hotUpdatePercent,
      idleCpuPercent,
      usage,
      shared,
    },
    null,
    2,
  ),
);

await Promise.all(measured.map((m) => m.process.stop()));
const nc = await connectNats(NATS_URL, 'bench-cleanup');
const jsm = await jetstreamManager(nc);
for (const { tenant } of pipelines) await jsm.streams.delete(streamName(tenant)).catch(() => false);
await nc.close();
await orm.close();
