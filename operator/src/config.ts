import { z } from 'zod';

/**
 * The operator's environment (docs/configuration.md). Settings that tenant workloads receive (image, NATS,
 * the database Secret, the Cloud API URL) are the operator's, so one chart value changes every tenant.
 */
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.slice(0, -1));
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  );
const bool = z.enum(['true', 'false']).transform((value) => value === 'true');

export const operatorConfigSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KUBECONFIG: z.string().optional(),
  NATS_URL: url(['nats', 'tls']).default('nats://127.0.0.1:4222'),
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/taskline'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  HOST: z.string().default('0.0.0.0'),
  /** Only this namespace's resources; unset: every namespace. */
  WATCH_NAMESPACE: z.string().optional(),
  /** Where the leader-election Lease lives (the operator's own namespace). */
  POD_NAMESPACE: z.string().default('taskline'),
  POD_NAME: z.string().default(`taskline-operator-${process.pid}`),
  LEADER_ELECT: bool.default(true),
  RESYNC_SECONDS: z.coerce.number().int().min(10).default(600),
  RECONCILE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** The image of tenant workloads (the one taskline image). */
  TASKLINE_IMAGE: z.string().min(1).default('ghcr.io/taskline/taskline:0.1.0'),
  /** NATS as tenant pods reach it, and its monitoring endpoint for KEDA's JetStream scaler. */
  WORKLOAD_NATS_URL: url(['nats', 'tls']).optional(),
  NATS_MONITOR_URL: url(['http', 'https']).default('http://nats.nats.svc:8222'),
  /** A Secret in each tenant namespace whose key `url` is the DATABASE_URL of tenant workers. */
  WORKLOAD_DATABASE_SECRET: z.string().min(1).default('taskline-database'),
  WORKLOAD_DATABASE_PORT: z.coerce.number().int().min(1).max(65535).default(5432),
  WHATSAPP_API_URL: url(['http', 'https']).default('https://graph.facebook.com/v24.0'),
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** How often deleted tenants past their retention are purged from PostgreSQL. */
  PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(3600),
});

export type OperatorConfig = z.infer<typeof operatorConfigSchema>;
