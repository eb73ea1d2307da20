import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue.ts';

describe('WorkQueue', () => {
  it('keeps one entry per key however often it is added', async () => {
    const queue = new WorkQueue();
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(queue.depth).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
  });

  it('never hands out a key that is being processed, and re-queues it when it changed meanwhile', async () => {
    const queue = new WorkQueue();
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.depth).toBe(0);
    queue.done(key!);
    expect(queue.depth).toBe(1);
    expect(await queue.get()).toBe('a');
  });

  it('retries failures after a growing delay and forgets on success', async () => {
    const queue = new WorkQueue({ baseDelayMs: 20 });
    queue.add('a');
    await queue.get();
    queue.addRateLimited('a');
    queue.done('a');
    expect(queue.retries('a')).toBe(1);
    expect(queue.depth).toBe(0);
    const started = Date.now();
    expect(await queue.get()).toBe('a');
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    queue.addRateLimited('a');
    expect(queue.retries('a')).toBe(2);
    queue.forget('a');
    expect(queue.retries('a')).toBe(0);
  });

  it('wakes a waiting worker and ends workers on shut down', async () => {
    const queue = new WorkQueue();
    const waiting = queue.get();
    queue.add('x');
    expect(await waiting).toBe('x');
    const idle = queue.get();
    queue.shutDown();
    expect(await idle).toBeUndefined();
  });
});
