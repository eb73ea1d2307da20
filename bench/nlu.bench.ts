// `make bench-nlu`: start-up and per-turn latency of the offline understanding, and of a whole offline agent turn
// (Mastra loop, tool call, reply) without the database. Prints a table; no assertions (figures, not tests).
import { performance } from 'node:perf_hooks';

const started = performance.now();
const { understand, Assistant, chooseModel } = await import('@taskline/assistant');
const { loadCases } = await import('../services/assistant/eval/evaluate.ts');
const cases = loadCases();
understand(cases[0]!.input);
const startupMs = performance.now() - started;

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

const turns: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const c of cases) {
    const t0 = performance.now();
    understand(c.input);
    turns.push(performance.now() - t0);
  }
}

// A whole agent turn: the offline model decides, Mastra validates and runs a tool (a help tool needs no database),
// the model writes the reply.
const assistant = new Assistant({ model: chooseModel({}), understand });
const agentTurns: number[] = [];
// Steady state: the first 50 turns warm the JIT and Mastra's caches (cold start is the start-up figure above).
const WARM_UP = 50;
for (let i = 0; i < WARM_UP + 1000; i++) {
  const t0 = performance.now();
  await assistant.reply({
    text: i % 2 ? 'help' : 'hello',
    turn: {
      em: undefined as never,
      owner: { tenantId: 't', userId: 'u' },
      timezone: 'Europe/Madrid',
      now: new Date(),
    },
    resourceId: 'bench',
    threadId: 'bench',
  });
  if (i >= WARM_UP) agentTurns.push(performance.now() - t0);
}

const row = (name: string, xs: number[]) =>
  console.log(
    `${name.padEnd(28)} ${String(xs.length).padStart(6)} ${quantile(xs, 0.5).toFixed(3).padStart(9)} ${quantile(xs, 0.99).toFixed(3).padStart(9)}`,
  );
console.log(`start-up (import + first turn): ${startupMs.toFixed(0)} ms`);
console.log(`${'measure'.padEnd(28)} ${'n'.padStart(6)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
row('understand() per turn', turns);
row('agent turn (warm, no DB)', agentTurns);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
