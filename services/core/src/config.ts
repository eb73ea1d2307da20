import { z } from 'zod';
import { AppError } from './errors.ts';
import { parseKeyring } from './crypto/keyring.ts';

/**
 * Environment configuration of every role (DESIGN.md §3). `loadConfig` validates the whole environment of a role
 * at once and throws one CONFIG_INVALID AppError that lists every bad key, so an operator fixes them in one go.
 */
const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a DNS label: lower-case letters, digits and "-", at most 63',
  );
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
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
const secret = z.string().min(8, 'must be at least 8 characters');
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

const base = {
  LOG_LEVEL: logLevel,
  NATS_URL: url(['nats', 'tls']).default('nats://127.0.0.1:4222'),
};
const database = {
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/taskline'),
  /** Keys that encrypt message bodies at rest: `id:base64key` pairs, newest (the one that encrypts) first. */
  TASKLINE_ENCRYPTION_KEYS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseKeyring(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
};

export const webhookConfigSchema = z.object({
  ...base,
  TENANT: dnsLabel,
  PORT: port(8080),
  HOST: z.string().default('0.0.0.0'),
  WHATSAPP_APP_SECRET: secret,
  WHATSAPP_VERIFY_TOKEN: z.string().min(1, 'must not be empty'),
  /** Largest webhook body accepted; Meta's deliveries are at most a few MB. */
  WEBHOOK_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(3 * 1024 * 1024),
  /** Signature failures are summed over this window and sent to the audit log once per window. */
  SECURITY_REPORT_WINDOW_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

export const workerConfigSchema = z.object({
  ...base,
  ...database,
  TENANT: dnsLabel,
  /** The worker serves only /healthz, /readyz and /metrics; its own variable, so a shared PORT cannot clash. */
  METRICS_PORT: port(8082),
  HOST: z.string().default('0.0.0.0'),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1, 'must not be empty'),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'must be the numeric phone number id'),
  WHATSAPP_API_URL: url(['http', 'https']).default('https://graph.facebook.com/v24.0'),
  /** Messages handled at once by this process (different users in parallel, one user in order). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Messages one WhatsApp sender may send per minute; beyond it they are recorded, answered once with a notice, then not answered until the sender slows down. */
  SENDER_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Messages the whole tenant may receive per minute (across replicas); beyond it senders are asked to resend later. */
  TENANT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(60).max(600_000).default(6000),
  /** How long a Cloud API call may take; a send that times out counts as possibly sent (never blindly repeated). */
  WHATSAPP_API_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** Sends per second through the tenant's number (Meta's default throughput is 80 messages/s). */
  WHATSAPP_SEND_RATE: z.coerce.number().positive().max(1000).default(80),
  /** Consecutive Cloud API failures (5xx, timeouts, network) that open the circuit, and its first cooldown. */
  CIRCUIT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Unset: the offline model. Else a Mastra model id (`openai/gpt-4o-mini`) or, with LLM_BASE_URL, any model of an OpenAI-compatible endpoint. */
  LLM_MODEL: z.string().optional(),
  LLM_BASE_URL: url(['http', 'https']).optional(),
  LLM_API_KEY: z.string().optional(),
});

export const apiConfigSchema = z.object({
  ...base,
  ...database,
  PORT: port(8081),
  HOST: z.string().default('0.0.0.0'),
  /** The bootstrap platform admin, created at start when no account has this email; the password is never logged. */
  ADMIN_EMAIL: z.email('must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Where the console's test phone reaches the simulator (development only; unset hides the test phone). */
  SIMULATOR_URL: url(['http', 'https']).optional(),
  /** The built console (console/dist); unset or missing serves the API alone. */
  CONSOLE_DIR: z.string().optional(),
  /** Hours a console session lasts without activity. */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Cookies marked Secure (off only for plain-HTTP development). */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** OpenID Connect sign-in: all three set, or none. Accounts are matched by email on first sign-in. */
  OIDC_ISSUER: url(['http', 'https']).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The console's public URL, for the OIDC redirect (`<PUBLIC_URL>/api/v1/auth/oidc/callback`). */
  PUBLIC_URL: url(['http', 'https']).optional(),
});

export const migrateConfigSchema = z.object({ LOG_LEVEL: logLevel, ...database });

export const simulatorConfigSchema = z.object({
  LOG_LEVEL: logLevel,
  PORT: port(8090),
  HOST: z.string().default('127.0.0.1'),
  /** A tenant the simulator knows at start; more can be registered through its HTTP API. */
  SIMULATOR_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'must be numeric').optional(),
  SIMULATOR_WEBHOOK_URL: url(['http', 'https']).optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).optional(),
  WHATSAPP_APP_SECRET: secret.optional(),
});

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export type MigrateConfig = z.infer<typeof migrateConfigSchema>;
export type ApiConfig = z.infer<typeof apiConfigSchema>;
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

/** Validates `env` against a role's schema; throws CONFIG_INVALID listing every bad key. Empty strings count as unset. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(environment)';
    const message =
      issue.code === 'invalid_type' && cleaned[key] === undefined ? 'is required' : issue.message;
    return { key, message };
  });
  const lines = problems.map((p) => `  ${p.key}: ${p.message}`).join('\n');
  throw new AppError('CONFIG_INVALID', `invalid configuration:\n${lines}`, { details: problems });
}
