import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths that must never reach a log line, whatever logs them. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'headers.authorization',
  'accessToken',
  'appSecret',
  'verifyToken',
  'password',
  '*.accessToken',
  '*.appSecret',
  '*.password',
];

/** JSON logs on stdout, one logger per process, passed down explicitly. */
export function createLogger(role: string, level = 'info'): Logger {
  return pino({ name: `taskline-${role}`, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
