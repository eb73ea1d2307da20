import { parseArgs } from 'node:util';
import {
  AppError,
  Tenant,
  connectNats,
  jetstreamManager,
  loadConfig,
  migrateConfigSchema,
  openOrm,
  tenantHealth,
} from '@taskline/core';

const USAGE = `usage: taskline health --tenant <slug> [--json]

Prints a tenant's health: last messages, last hour's replies and failures by Cloud API code, the worker's queue
and dead letters. Exits 0 when healthy, 1 when degraded or failing.`;

/** `taskline health`: one tenant's health summary, for admins and scripts. */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { tenant: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  if (!values.tenant) throw new AppError('BAD_REQUEST', `--tenant is required\n\n${USAGE}`);
  const config = loadConfig(migrateConfigSchema, env);
  const orm = await openOrm({
    databaseUrl: config.DATABASE_URL,
    encryptionKeys: config.TASKLINE_ENCRYPTION_KEYS,
    poolMax: 2,
  });
  const nc = await connectNats(env.NATS_URL ?? 'nats://127.0.0.1:4222', 'taskline-health').catch(
    () => undefined,
  );
  try {
    const tenant = await orm.em.fork().findOne(Tenant, { slug: values.tenant });
    if (!tenant) throw new AppError('BAD_REQUEST', `tenant "${values.tenant}" does not exist`);
    const health = await tenantHealth(orm, nc ? await jetstreamManager(nc) : undefined, tenant);
    if (values.json) {
      console.log(JSON.stringify(health));
    } else {
      console.log(`${health.tenant}: ${health.status}`);
      for (const problem of health.problems) console.log(`  - ${problem}`);
      console.log(
        `  last inbound ${health.lastInboundAt ?? 'never'}, last reply sent ${health.lastOutboundAt ?? 'never'}`,
      );
      const h = health.lastHour;
      console.log(
        `  last hour: ${h.received} received, ${h.replies} replies, ${h.failed} failed (${(h.errorRate * 100).toFixed(1)}%)`,
      );
      if (health.queue) {
        const q = health.queue;
        console.log(
          `  queue: ${q.pending} pending, ${q.unacknowledged} in progress, ${q.redelivered} redelivered, ${q.deadLetters} dead letters`,
        );
      }
    }
    if (health.status !== 'healthy') process.exitCode = 1;
  } finally {
    await nc?.close();
    await orm.close();
  }
}
