/** The public API of @taskline/core. Nothing here runs on import. */
export { AppError, toAppError, httpStatusOf, type AppErrorCode, type AppErrorCategory } from './errors.ts';
export {
  loadConfig,
  webhookConfigSchema,
  workerConfigSchema,
  migrateConfigSchema,
  apiConfigSchema,
  simulatorConfigSchema,
  type WebhookConfig,
  type WorkerConfig,
  type MigrateConfig,
  type ApiConfig,
  type SimulatorConfig,
} from './config.ts';
export { createLogger, type Logger } from './logger.ts';

export { signBody, verifySignature } from './whatsapp/signature.ts';
export * from './whatsapp/webhook-payload.ts';
export * from './whatsapp/send-payload.ts';

export * from './nats/subjects.ts';
export * from './nats/payloads.ts';
export { jetStreamPublisher, type Publisher } from './nats/publisher.ts';
export {
  connectNats,
  ensureTenantStream,
  deleteTenantStream,
  jetstreamManager,
  type NatsConnection,
  type StreamChange,
} from './nats/connect.ts';

export * from './db/entities.ts';
export { openJson, sealJson, isEncrypted, EncryptedJsonType } from './db/entities/encrypted-json.type.ts';
export {
  parseKeyring,
  useKeyring,
  keyring,
  keyIdOf,
  isKeyId,
  encrypt,
  decrypt,
  generateKeyEntry,
  searchTerms,
  queryTerms,
  words,
  type Keyring,
} from './crypto/keyring.ts';
export { sealContent, openContent } from './crypto/sealed-content.ts';
export {
  openOrm,
  ormConfig,
  POOL_IDLE_MS,
  inTenant,
  asApp,
  databaseReachable,
  APP_ROLE,
  type EntityManager,
  type MikroORM,
} from './db/orm.ts';
export { keyUsage, resealMessages, type KeyUsage, type ResealProgress } from './db/reseal-messages.ts';
export { migrate, ensureDatabase } from './db/migrate.ts';
export { seedTenant, type SeedInput, type SeedUser, type SeedResult } from './db/seed.ts';

export * from './tasks/task.service.ts';
export * from './tasks/project.service.ts';
export * from './tasks/reminder.service.ts';
export * from './time/zoned.ts';

export { registerOpsRoutes, type ReadinessCheck, type OpsRoutesOptions } from './http/ops-routes.ts';
export { createRegistry } from './http/metrics.ts';
export { post, type PostResult } from './http/post.ts';
export { stopOnSignals } from './runtime/lifecycle.ts';

export * from './telemetry/tracing.ts';
export { startTelemetry, type Telemetry } from './telemetry/start.ts';
export { tracePostgres } from './telemetry/pg.ts';
export { rollupHour, rollupRecent, startOfHour } from './analytics/rollup.ts';
export { tenantHealth, type TenantHealth } from './analytics/health.ts';
export {
  listDeadLetters,
  replayDeadLetters,
  discardDeadLetters,
  type DeadLetter,
} from './nats/dead-letters.ts';
export {
  exportUserData,
  eraseUserData,
  resolveUser,
  type UserDataExport,
  type ErasureReport,
} from './privacy/user-data.ts';
