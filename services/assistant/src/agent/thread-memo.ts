import type { MastraStorage } from '@mastra/core/storage';
import { currentTurn } from './turn-scope.ts';

interface StoredThread {
  id: string;
  resourceId: string;
  title: string;
  metadata?: Record<string, unknown> | null;
  createdAt: Date | string;
  updatedAt: Date | string;
}

/** A thread just saved, in the shape the PostgreSQL store reads it back (absent metadata is null). */
const asRead = (thread: StoredThread): StoredThread => ({
  id: thread.id,
  resourceId: thread.resourceId,
  title: thread.title,
  metadata: thread.metadata ?? null,
  createdAt: new Date(thread.createdAt),
  updatedAt: new Date(thread.updatedAt),
});

/**
 * Mastra looks the conversation's thread up three times in one turn (a PostgreSQL query each); inside `inTurn` the
 * memory store answers the repeats from the first. A thread write clears the memo (saving messages only moves the
 * thread's updatedAt, which a turn does not read); a thread Mastra creates is remembered as saved, so the lookup
 * that follows needs no query. Only within a turn: the worker serialises a conversation's messages, so nothing
 * else changes the thread meanwhile.
 */
export function memoThreads<S extends MastraStorage>(storage: S): S {
  const memory = storage.stores?.memory;
  if (!memory) return storage;
  storage.stores!.memory = new Proxy(memory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
      if (typeof property !== 'string' || !/Thread/.test(property)) return method;
      if (property === 'saveThread')
        return async (...args: unknown[]) => {
          const memo = currentTurn()?.threads;
          memo?.clear();
          const saved = (await method(...args)) as StoredThread | undefined;
          if (memo && saved?.id) memo.set(saved.id, Promise.resolve(asRead(saved)));
          return saved;
        };
      if (property !== 'getThreadById')
        return (...args: unknown[]) => {
          currentTurn()?.threads.clear();
          return method(...args);
        };
      return async ({ threadId, resourceId }: { threadId: string; resourceId?: string }) => {
        const memo = currentTurn()?.threads;
        if (!memo) return method({ threadId, resourceId });
        // Read once without the owner and checked here, so lookups with and without it share the query.
        let found = memo.get(threadId);
        if (!found) {
          found = method({ threadId });
          memo.set(threadId, found);
          found.catch(() => memo.delete(threadId));
        }
        const thread = (await found) as { resourceId?: string } | null;
        if (!thread || (resourceId !== undefined && thread.resourceId !== resourceId)) return null;
        // A copy each time, as from the store: a caller may change what it got.
        return { ...thread };
      };
    },
  });
  return storage;
}
