import { describe, expect, it } from 'vitest';
import type { MastraStorage } from '@mastra/core/storage';
import { memoThreads } from './thread-memo.ts';
import { inTurn } from './turn-scope.ts';

/** A memory store that counts its thread reads; memoThreads only sees its methods. */
function countingStore() {
  const reads: string[] = [];
  const memory = {
    title: 'first',
    async getThreadById({ threadId }: { threadId: string; resourceId?: string }) {
      reads.push(threadId);
      return Promise.resolve({ id: threadId, resourceId: 'user-1', title: this.title });
    },
    async updateThread({ title }: { title: string }) {
      this.title = title;
      return Promise.resolve();
    },
    async saveMessages() {
      return Promise.resolve({ messages: [] });
    },
  };
  const storage = memoThreads({ stores: { memory } } as unknown as MastraStorage);
  const store = storage.stores!.memory as unknown as typeof memory;
  return { reads, store };
}

describe('memoThreads', () => {
  it('reads a thread once per turn, and again in the next turn', async () => {
    const { reads, store } = countingStore();
    await inTurn(async () => {
      const first = await store.getThreadById({ threadId: 't1' });
      await store.saveMessages();
      const again = await store.getThreadById({ threadId: 't1' });
      expect(again).toEqual(first);
      expect(again).not.toBe(first);
      await store.getThreadById({ threadId: 't2' });
    });
    await inTurn(() => store.getThreadById({ threadId: 't1' }));
    expect(reads).toEqual(['t1', 't2', 't1']);
  });

  it("shares one read between lookups with and without the owner, and answers null for another owner's", async () => {
    const { reads, store } = countingStore();
    await inTurn(async () => {
      expect(await store.getThreadById({ threadId: 't1', resourceId: 'user-1' })).toMatchObject({ id: 't1' });
      expect(await store.getThreadById({ threadId: 't1' })).toMatchObject({ id: 't1' });
      expect(await store.getThreadById({ threadId: 't1', resourceId: 'user-2' })).toBeNull();
    });
    expect(reads).toEqual(['t1']);
  });

  it('reads again after a thread write, and every time outside a turn', async () => {
    const { reads, store } = countingStore();
    await inTurn(async () => {
      await store.getThreadById({ threadId: 't1' });
      await store.updateThread({ title: 'second' });
      expect(await store.getThreadById({ threadId: 't1' })).toMatchObject({ title: 'second' });
    });
    await store.getThreadById({ threadId: 't1' });
    await store.getThreadById({ threadId: 't1' });
    expect(reads).toEqual(['t1', 't1', 't1', 't1']);
  });
});
