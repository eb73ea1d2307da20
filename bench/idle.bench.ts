/**
 * What one idle tenant costs (issue 8's scaling with tenants): its webhook and worker started from the bundle, as
 * the operator deploys them, left alone to settle, then their CPU and that of PostgreSQL and NATS over a window,
 * from /proc. Prints one line; writes bench/results/idle.json.
 *   node bench/idle.bench.ts [seconds=40]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createLogger, migrate, openOrm, seedTenant } from '@taskline/core';
import { bundleTaskline } from '../scripts/bundle.ts';
import { startRole } from '../test/support/processes.ts';
import { freshDatabase, NATS_URL, uniqueTenant } from '../test/support/services.ts';
import { commandUsage, processUsage, usedSince } from './lib/measure.ts';

const seconds = Number(process.argv[2] ?? 40);
const SETTLE_MS = 10_000;

await bundleTaskline();
const databaseUrl = await freshDatabase('bench_idle');
await migrate(databaseUrl, createLogger('bench', 'silent'));
const tenant = uniqueTenant('idle');
const orm = await openOrm({ databaseUrl });
await seedTenant(orm, { tenant, phoneNumberId: '1', users: [{ name: 'Ana', phone: '+5511990000001' }] });
await orm.close();

const worker = await startRole(
  'worker',
  {
    TENANT: tenant,
    NATS_URL,
    DATABASE_URL: databaseUrl,
    WHATSAPP_ACCESS_TOKEN: 'bench-access-token',
    WHATSAPP_PHONE_NUMBER_ID: '1',
    WHATSAPP_API_URL: 'http://127.0.0.1:9/v24.0',
    LOG_LEVEL: 'error',
    NODE_OPTIONS: '--max-semi-space-size=16 --max-old-space-size=256',
  },
  { readyTimeoutMs: 60_000 },
);
const webhook = await startRole('webhook', {
  TENANT: tenant,
  NATS_URL,
  WHATSAPP_APP_SECRET: 'bench-app-secret-0123456789',
  WHATSAPP_VERIFY_TOKEN: 'v',
  LOG_LEVEL: 'error',
});
await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

const roles = { worker, webhook };
const before = {
  roles: await Promise.all(Object.values(roles).map((r) => processUsage(r.child.pid!))),
  postgres: await commandUsage('postgres'),
  nats: await commandUsage('nats-server'),
};
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const after = await Promise.all(Object.values(roles).map((r) => processUsage(r.child.pid!)));
const percent = (cpuSeconds: number) => (cpuSeconds / seconds) * 100;
const result = {
  at: new Date().toISOString(),
  seconds,
  cpuPercent: {
    worker: percent(after[0]!.cpuSeconds - before.roles[0]!.cpuSeconds),
    webhook: percent(after[1]!.cpuSeconds - before.roles[1]!.cpuSeconds),
    postgres: percent(usedSince(before.postgres, await commandUsage('postgres'))),
    nats: percent(usedSince(before.nats, await commandUsage('nats-server'))),
  },
  rssMb: { worker: after[0]!.rssMb, webhook: after[1]!.rssMb },
};
await Promise.all([worker.stop(), webhook.stop()]);

const cpu = Object.entries(result.cpuPercent).map(([part, value]) => `${part} ${value.toFixed(2)}%`);
const total = Object.values(result.cpuPercent).reduce((sum, value) => sum + value, 0);
console.log(
  `one idle tenant over ${seconds} s (CPU from /proc, 10 ms ticks): ${cpu.join(', ')} of a core; ` +
    `${total.toFixed(2)}% in all; RSS worker ${result.rssMb.worker.toFixed(0)} MB, webhook ${result.rssMb.webhook.toFixed(0)} MB`,
);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/idle.json', import.meta.url), JSON.stringify(result, null, 2));
