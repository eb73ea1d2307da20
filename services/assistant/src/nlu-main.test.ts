import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nluLine } from './nlu-main.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('taskline nlu', () => {
  it('answers each JSON line with exactly {tool, args}', () => {
    const line = JSON.stringify({
      text: 'Create a task to review the quarterly reports',
      now: '2026-11-24T09:00:00+01:00',
      timezone: 'Europe/Madrid',
    });
    expect(JSON.parse(nluLine(line))).toEqual({
      tool: 'createTask',
      args: { title: 'review the quarterly reports' },
    });
  });

  it('says what is wrong with a bad line', () => {
    expect(JSON.parse(nluLine('not json')).error).toMatch(/malformed JSON/);
    const bad = JSON.parse(
      nluLine(JSON.stringify({ text: 'hi', now: 'yesterday', timezone: 'Mars/Olympus' })),
    ).error as string;
    expect(bad).toMatch(/now:/);
    expect(bad).toMatch(/timezone: must be an IANA time zone/);
  });

  it('streams one output line per input line through the real command, in order', async () => {
    const child = spawn(process.execPath, ['dist/taskline.mjs', 'nlu'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const base = { now: '2026-11-24T09:00:00+01:00', timezone: 'Europe/Madrid' };
    child.stdin.end(
      [
        JSON.stringify({ text: 'list my tasks', ...base }),
        'garbage',
        JSON.stringify({ text: 'hola', ...base }),
      ].join('\n') + '\n',
    );
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ tool: 'listTasks', args: {} });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toEqual({ tool: null, args: {} });
  });
});
