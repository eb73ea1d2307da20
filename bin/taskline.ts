#!/usr/bin/env -S node --max-semi-space-size=16
// `taskline <role>`: one command, many roles (DESIGN.md §3). Each role module exports `main(argv, env)`;
// configuration errors print every bad key and exit with code 2. The V8 flag keeps the young generation at 16 MB:
// it halved the offline agent turn's p99 and cut the worker's RSS by ~100 MB (docs/performance.md).
import { runRole, type RoleMain } from '@taskline/core/base';

const ROLES: Record<string, { describe: string; load?: () => Promise<{ main: RoleMain }> }> = {
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

function usage(): string {
  const width = Math.max(...Object.keys(ROLES).map((r) => r.length));
  const lines = Object.entries(ROLES).map(([role, r]) => `  ${role.padEnd(width)}  ${r.describe}`);
  return `usage: taskline <role> [options]\n\nroles:\n${lines.join('\n')}\n\nConfiguration comes from environment variables: see docs/configuration.md.`;
}

async function run(argv: string[]): Promise<number> {
  const [role, ...rest] = argv;
  if (!role || role === '--help' || role === '-h' || role === 'help') {
    console.log(usage());
    return role ? 0 : 2;
  }
  const entry = ROLES[role];
  if (!entry) {
    console.error(`taskline: unknown role "${role}"\n\n${usage()}`);
    return 2;
  }
  if (!entry.load) {
    console.error(`taskline: the "${role}" role is not available in this version yet`);
    return 2;
  }
  const { load } = entry;
  return runRole(role, async (argv, env) => (await load()).main(argv, env), rest, process.env);
}

const code = await run(process.argv.slice(2));
// Long-running roles keep the event loop alive and exit from their signal handlers.
if (code !== 0) process.exit(code);
