#!/usr/bin/env -S node --max-semi-space-size=16
// `taskline <role>`: one command, many roles (DESIGN.md §3). Each role module exports `main(argv, env)`;
// configuration errors print every bad key and exit with code 2. The V8 flag keeps the young generation at 16 MB:
// it halved the offline agent turn's p99 and cut the worker's RSS by ~100 MB (docs/performance.md).
import { runRole } from '@taskline/core/base';
import { ROLES } from './role-table.ts';

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
