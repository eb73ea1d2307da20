/**
 * Bundles `taskline` (bin/taskline.ts and every role) into dist/taskline.mjs and its chunks, which the image runs.
 * Everything goes in, tree-shaken and minified: the TypeScript sources with their dependencies keep ~40 MB of source
 * text and compiled code in each process (mostly Mastra's), the bundle a fraction, and it starts in half the time
 * (docs/performance.md). Names are kept, so errors and logs still name their classes and functions. Roles still load
 * lazily: each is its own chunk.
 *   node scripts/bundle.ts
 */
import { isBuiltin } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'rolldown';

const root = fileURLToPath(new URL('../', import.meta.url));
const DIST = `${root}dist`;
const BUNDLE = `${DIST}/taskline.mjs`;

/**
 * Our modules find files beside them (the intent corpus, the migrations, the console's build). In a chunk
 * `import.meta.url` names the chunk, so each of ours gets its own source file's URL instead, relative to dist/
 * (every chunk is written there; the sources ship beside the bundle).
 */
const sourceUrls: Plugin = {
  name: 'taskline-source-urls',
  transform(code, id) {
    if (!id.startsWith(root) || id.includes('/node_modules/') || !code.includes('import.meta.url'))
      return null;
    const url = `new URL(${JSON.stringify(relative(DIST, id))}, import.meta.url).href`;
    return code.replaceAll('import.meta.url', url);
  },
};

export async function bundleTaskline(): Promise<void> {
  await build({
    input: { taskline: `${root}bin/taskline.ts` },
    platform: 'node',
    external: isBuiltin,
    plugins: [sourceUrls],
    treeshake: true,
    logLevel: 'silent',
    output: {
      dir: DIST,
      format: 'esm',
      minify: true,
      keepNames: true,
      sourcemap: true,
      cleanDir: true,
      entryFileNames: '[name].mjs',
      chunkFileNames: '[name]-[hash].mjs',
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleTaskline();
  console.log(`bundled ${BUNDLE}`);
}
