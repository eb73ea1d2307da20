// Fills Node's module compile cache (NODE_COMPILE_CACHE) with the bundle's V8 code cache (dist/, scripts/bundle.ts)
// and the migrations' type-stripped source (MikroORM loads them as TypeScript), so processes start faster and
// `taskline migrate` never loads the TypeScript stripper (~19 MB RSS). The container image runs this at build time
// (deploy/Containerfile).
//   NODE_COMPILE_CACHE=dir node scripts/warm-compile-cache.ts
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { constants, enableCompileCache, flushCompileCache } from 'node:module';

const { status, directory, message } = enableCompileCache();
if (status === constants.compileCacheStatus.FAILED) {
  console.error(`warm-compile-cache: ${message ?? 'the compile cache could not be enabled'}`);
  process.exit(1);
}

// Every chunk of every role (loading one runs nothing: roles export `main`); the dispatcher itself runs on import,
// so it fills its own entry by printing its usage.
const dist = new URL('../dist/', import.meta.url);
for (const file of readdirSync(dist).filter((f) => f.endsWith('.mjs') && f !== 'taskline.mjs')) {
  await import(new URL(file, dist).href);
}
const migrations = new URL('../services/core/src/db/migrations/', import.meta.url);
for (const file of readdirSync(migrations).filter((f) => f.endsWith('.ts'))) {
  await import(new URL(file, migrations).href);
}
flushCompileCache();
const bin = spawnSync(process.execPath, [new URL('taskline.mjs', dist).pathname, 'help'], {
  env: { ...process.env, NODE_COMPILE_CACHE: directory },
});
if (bin.status !== 0) {
  console.error(`warm-compile-cache: taskline help failed: ${bin.stderr.toString()}`);
  process.exit(1);
}
console.log(`compile cache ready in ${directory}`);
