/**
 * `@taskline/core/base`: what every long-running process needs (configuration, logging, NATS, ops routes,
 * metrics, signals, tracing) without the database layer. Roles that never touch MikroORM (the operator, the
 * command dispatcher) import this instead of the whole package and start ~30 MB lighter (docs/performance.md).
 */
export { AppError, toAppError, type AppErrorCode } from './errors.ts';
export { loadConfig } from './config.ts';
export { createLogger, type Logger } from './logger.ts';
export { streamName } from './nats/subjects.ts';
export {
  connectNats,
  ensureTenantStream,
  deleteTenantStream,
  type NatsConnection,
  type StreamChange,
} from './nats/connect.ts';
export { registerOpsRoutes, type ReadinessCheck, type OpsRoutesOptions } from './http/ops-routes.ts';
export { createRegistry } from './http/metrics.ts';
export { post, type PostResult } from './http/post.ts';
export { stopOnSignals } from './runtime/lifecycle.ts';
export { runRole, type RoleMain } from './runtime/run-role.ts';
export { startTelemetry, type Telemetry } from './telemetry/start.ts';
