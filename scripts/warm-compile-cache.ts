// Fills Node's module compile cache (NODE_COMPILE_CACHE) with every role's modules: type-stripped source and V8
// code cache. A process that finds its modules there never loads the TypeScript stripper (~19 MB RSS) and starts
// faster. The container image runs this at build time (deploy/Containerfile).
//   NODE_COMPILE_CACHE=dir node scripts/warm-compile-cache.ts
import { spawnSync } from 'node:child_process';
import { constants, enableCompileCache, flushCompileCache } from 'node:module';
import { ROLES } from '../bin/role-table.ts';

const { status, directory, message } = enableCompileCache();
if (status === constants.compileCacheStatus.FAILED) {
  console.error(`warm-compile-cache: ${message ?? 'the compile cache could not be enabled'}`);
  process.exit(1);
}

// Every role's modules; loading them runs nothing (each exports `main`).
for (const { load } of Object.values(ROLES)) await load?.();
flushCompileCache();
// The dispatcher runs on import: let it fill its own entry by printing its usage.
const bin = spawnSync(process.execPath, [new URL('../bin/taskline.ts', import.meta.url).pathname, 'help'], {
  env: { ...process.env, NODE_COMPILE_CACHE: directory },
});
if (bin.status !== 0) {
  console.error(`warm-compile-cache: taskline help failed: ${bin.stderr.toString()}`);
  process.exit(1);
}
console.log(`compile cache ready in ${directory}`);
