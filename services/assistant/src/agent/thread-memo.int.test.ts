import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { PostgresStore } from '@mastra/pg';
import { seededOwner } from '../../../../test/support/services.ts';
import { memoThreads } from './thread-memo.ts';
import { inTurn } from './turn-scope.ts';

type Memory = NonNullable<PostgresStore['stores']>['memory'] & object;

/**
 * A thread Mastra creates is remembered as saved: the turn's next lookup gets, without asking the store, exactly
 * what Mastra's PostgreSQL store reads back.
 */
describe('memoThreads over PostgreSQL', () => {
  let storage: PostgresStore;
  let plain: PostgresStore;
  let reads: MockInstance;

  beforeAll(async () => {
    const { databaseUrl, orm } = await seededOwner('thread_memo');
    await orm.close();
    const options = { connectionString: databaseUrl, schemaName: 'mastra' };
    storage = new PostgresStore({ id: 'thread-memo-test', ...options });
    plain = new PostgresStore({ id: 'thread-memo-plain', ...options });
    await storage.init();
    await plain.init();
    // The lookups that reach the real store, counted beneath the memo.
    reads = vi.spyOn(storage.stores.memory as Memory, 'getThreadById');
    memoThreads(storage);
  });

  afterAll(async () => {
    await storage?.close?.();
    await plain?.close?.();
  });

  const threads = [
    { id: 'wa:memo-1', resourceId: 'user-1', title: 'New Thread', metadata: { topic: 'tasks' } },
    { id: 'wa:memo-2', resourceId: 'user-2', title: 'New Thread', metadata: undefined },
    { id: 'wa:memo-3', resourceId: 'user-3', title: '', metadata: {} },
  ];

  it.each(threads)('answers the lookup after saving $id as the store reads it back', async (input) => {
    const memory = storage.stores.memory as Memory;
    const now = new Date();
    reads.mockClear();
    const remembered = await inTurn(async () => {
      await memory.saveThread({ thread: { ...input, createdAt: now, updatedAt: now } });
      return memory.getThreadById({ threadId: input.id, resourceId: input.resourceId });
    });
    expect(reads).not.toHaveBeenCalled();
    const stored = await (plain.stores.memory as Memory).getThreadById({ threadId: input.id });
    expect(remembered).toEqual(stored);
  });
});
