import Fastify from 'fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  AppError,
  Tenant,
  asApp,
  connectNats,
  createLogger,
  createRegistry,
  databaseReachable,
  ensureTenantStream,
  loadConfig,
  openOrm,
  POOL_IDLE_MS,
  registerOpsRoutes,
  startTelemetry,
  stopOnSignals,
  workerConfigSchema,
} from '@taskline/core';
import { PostgresStore } from '@mastra/pg';
import {
  Assistant,
  chooseModel,
  grantMemoryWrites,
  memoryInTransaction,
  sealMemory,
  understand,
} from '@taskline/assistant';
import { startWorker } from './worker.ts';

/** Mastra's tables live in their own schema. */
const MEMORY_SCHEMA = 'mastra';

/** Connections of the assistant's memory store: a quarter of the worker's concurrency, at least 2. */
const memoryPoolSize = (concurrency: number): number => Math.max(2, Math.ceil(concurrency / 4));

/** `taskline worker`: the tenant's agent worker, reply sender and (later) reminder scheduler. */
export async function main(_argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(workerConfigSchema, env);
  const log = createLogger('worker', config.LOG_LEVEL);
  const telemetry = await startTelemetry('worker', env);
  const registry = createRegistry('worker', config.TENANT);

  const orm = await openOrm({
    databaseUrl: config.DATABASE_URL,
    encryptionKeys: config.TASKLINE_ENCRYPTION_KEYS,
    poolMax: config.WORKER_CONCURRENCY + 2,
  });
  if (!config.TASKLINE_ENCRYPTION_KEYS) {
    log.warn('TASKLINE_ENCRYPTION_KEYS is not set: message bodies are stored unencrypted (docs/security.md)');
  }
  const tenant = await asApp(orm, (em) => em.findOne(Tenant, { slug: config.TENANT }));
  if (!tenant) {
    await orm.close();
    throw new AppError(
      'CONFIG_INVALID',
      `tenant "${config.TENANT}" does not exist in the database: run \`taskline seed --tenant ${config.TENANT} ...\` or apply its WhatsAppIntegration`,
    );
  }
  const nc = await connectNats(config.NATS_URL, `taskline-worker-${config.TENANT}`);
  await ensureTenantStream(await jetstreamManager(nc), config.TENANT);

  // Conversation memory lives in PostgreSQL, in Mastra's own schema, encrypted like message bodies, and a turn
  // writes it in the message's transaction (memory-in-transaction.ts).
  // Its own small pool for the reads: Mastra's default (20) on top of ours made four workers exceed PostgreSQL's 100
  // connections (bench/e2e.bench.ts with 4 workers stalled on "too many clients"). A turn's memory queries are short.
  const memory = sealMemory(
    memoryInTransaction(
      new PostgresStore({
        id: 'taskline-memory',
        connectionString: config.DATABASE_URL,
        schemaName: MEMORY_SCHEMA,
        max: memoryPoolSize(config.WORKER_CONCURRENCY),
        idleTimeoutMillis: POOL_IDLE_MS,
      }),
      MEMORY_SCHEMA,
    ),
  );
  // Replicas starting together would race on creating Mastra's tables: one creates them while the rest wait. The
  // tenant transactions that write the memory run as the application role.
  await orm.em.fork().transactional(async (em) => {
    await em.execute("select pg_advisory_xact_lock(hashtext('taskline:mastra-memory-init'))");
    await memory.init();
    await grantMemoryWrites(em, MEMORY_SCHEMA);
  });
  const assistant = new Assistant({
    model: chooseModel(config),
    understand,
    storage: memory,
    tracing: telemetry.enabled,
  });

  const worker = await startWorker({
    assistant,
    orm,
    nc,
    tenant,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    api: {
      apiUrl: config.WHATSAPP_API_URL,
      accessToken: config.WHATSAPP_ACCESS_TOKEN,
      timeoutMs: config.WHATSAPP_API_TIMEOUT_MS,
    },
    concurrency: config.WORKER_CONCURRENCY,
    senderPerMinute: config.SENDER_MESSAGES_PER_MINUTE,
    tenantPerMinute: config.TENANT_MESSAGES_PER_MINUTE,
    resilience: {
      sendRate: config.WHATSAPP_SEND_RATE,
      circuitFailures: config.CIRCUIT_FAILURES,
      circuitCooldownMs: config.CIRCUIT_COOLDOWN_MS,
    },
    log,
    registry,
  });

  let draining = false;
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, {
    registry,
    isDraining: () => draining,
    checks: {
      postgres: () => databaseReachable(orm),
      nats: async () => !nc.isClosed() && (await nc.rtt().then(() => true)),
    },
  });
  try {
    const address = await app.listen({ host: config.HOST, port: config.METRICS_PORT });
    log.info({ address, tenant: config.TENANT }, 'worker ready');
  } catch (error) {
    // Answering messages matters more than the ops endpoints: keep working, loudly.
    log.error(
      { err: error, port: config.METRICS_PORT },
      'cannot serve /healthz, /readyz and /metrics: set METRICS_PORT',
    );
  }

  stopOnSignals(log, async () => {
    draining = true;
    await worker.stop();
    await app.close();
    await nc.drain();
    await memory.close();
    await orm.close();
    await telemetry.shutdown();
  });
}
