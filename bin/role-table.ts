// The roles of `taskline <role>` and where each one's `main` lives: read by the dispatcher (bin/taskline.ts) and by
// scripts/bundle.ts, which makes each role a chunk of dist/taskline.mjs. Loading a role runs nothing.
import type { RoleMain } from '@taskline/core/base';

export const ROLES: Record<string, { describe: string; load?: () => Promise<{ main: RoleMain }> }> = {
  webhook: {
    describe: 'receive WhatsApp webhooks and publish them to JetStream',
    load: () => import('@taskline/webhook/main'),
  },
  worker: {
    describe: 'answer messages, send replies, run reminders',
    load: () => import('@taskline/worker/main'),
  },
  simulator: {
    describe: 'a WhatsApp Cloud API stand-in (serve, send, chat)',
    load: () => import('@taskline/simulator/main'),
  },
  migrate: {
    describe: 'create the database if needed and apply migrations',
    load: () => import('./roles/migrate.ts'),
  },
  seed: { describe: 'create a tenant and mapped users (idempotent)', load: () => import('./roles/seed.ts') },
  health: {
    describe: "a tenant's health: last messages, failures, queue",
    load: () => import('./roles/health.ts'),
  },
  privacy: {
    describe: "one person's data: export it as JSON, or erase it",
    load: () => import('./roles/privacy.ts'),
  },
  keys: {
    describe: 'encryption keys of message bodies: generate, status, rotate',
    load: () => import('./roles/keys.ts'),
  },
  dlq: {
    describe: "a tenant's dead letters: list, replay, discard",
    load: () => import('./roles/dlq.ts'),
  },
  api: {
    describe: 'console backend: REST API, live events, the built console',
    load: () => import('@taskline/api/main'),
  },
  operator: {
    describe: 'reconcile WhatsAppIntegration resources into tenant workloads (Kubernetes)',
    load: () => import('@taskline/operator/main'),
  },
  nlu: {
    describe: 'offline language understanding: JSON lines on stdin, one JSON line out each',
    load: () => import('@taskline/assistant/nlu-main'),
  },
};
