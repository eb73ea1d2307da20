import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A `taskline <role>` child process, as an operator would run it. */
export interface RoleProcess {
  role: string;
  port: number;
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the process to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The V8 flags a role runs with, as the container gives them, unless `env` brings
 * its own NODE_OPTIONS (as the chart does for the operator): flags on the command line would override those.
 */
const NODE_FLAGS = ['--max-semi-space-size=16'];
const nodeFlags = (env: Record<string, string>) => (env.NODE_OPTIONS ? [] : NODE_FLAGS);

/**
 * Node's module compile cache for role processes, as the image has one (scripts/warm-compile-cache.ts): the first
 * process of a run fills it, later ones skip compiling what it holds.
 */
const COMPILE_CACHE = `${ROOT}node_modules/.cache/taskline-compile`;

/** The environment the image gives every role: its compile cache, and two malloc arenas (deploy/Containerfile). */
const IMAGE_ENV = { NODE_COMPILE_CACHE: COMPILE_CACHE, MALLOC_ARENA_MAX: '2' };

/**
 * What role processes run: the bundle the image runs (scripts/bundle.ts; vitest's global setup and the benchmarks
 * build it), or with `source` the TypeScript sources, as `make dev` does.
 */
const BUNDLE = 'dist/taskline.mjs';

/** Starts `node dist/taskline.mjs <role> [args]` with `env` and waits until its /readyz answers 200. */
export async function startRole(
  role: string,
  env: Record<string, string>,
  options: { args?: string[]; port?: number; readyTimeoutMs?: number; source?: boolean } = {},
): Promise<RoleProcess> {
  const port = options.port ?? (await freePort());
  const command = [options.source ? 'bin/taskline.ts' : BUNDLE, role, ...(options.args ?? [])];
  const child = spawn(process.execPath, [...nodeFlags(env), ...command], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      ...IMAGE_ENV,
      ...env,
      PORT: String(port),
      METRICS_PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const proc: RoleProcess = {
    role,
    port,
    url,
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`taskline ${role} exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return proc;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`taskline ${role} did not become ready:\n${output}`);
}

/** Runs `node dist/taskline.mjs <role> [args]` to completion. */
export async function runRole(
  role: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...nodeFlags(env), BUNDLE, role, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...IMAGE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, output };
}
