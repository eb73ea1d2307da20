/**
 * Bundles the operator into one ES module, operator/dist/operator.mjs, which the image's operator Deployment runs.
 * Our code and @kubernetes/client-node go in, tree-shaken: client-node's entry point loads every generated API
 * class (~20 MB of source text kept in the heap), of which the operator uses a handful. Every other package stays
 * an import from node_modules. Plain JavaScript also means no TypeScript stripper in the process. Together ~30 MB
 * less at start-up (docs/performance.md).
 *   node operator/scripts/bundle.ts
 */
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../', import.meta.url));
export const BUNDLE = `${root}dist/operator.mjs`;

const inside = (id: string) =>
  id.startsWith('.') ||
  id.startsWith('/') ||
  id.startsWith('@taskline/') ||
  id.startsWith('@kubernetes/client-node');

export async function bundleOperator(): Promise<string> {
  await build({
    input: `${root}src/cli.ts`,
    platform: 'node',
    external: (id) => !inside(id),
    treeshake: true,
    logLevel: 'warn',
    output: { file: BUNDLE, format: 'esm', codeSplitting: false },
  });
  return BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`bundled ${await bundleOperator()}`);
}
