import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@taskline/core';

/** What the memory store's wrappers share during one agent turn. */
export interface TurnScope {
  /** Thread lookups answered in this turn (thread-memo.ts). */
  threads: Map<string, Promise<unknown>>;
  /** The message's transaction, which the turn's memory is written in (memory-in-transaction.ts). */
  em?: EntityManager;
}

const scope = new AsyncLocalStorage<TurnScope>();

/** Runs one agent turn, with the transaction of the message it answers when there is one. */
export const inTurn = <T>(work: () => Promise<T>, em?: EntityManager): Promise<T> =>
  scope.run({ threads: new Map(), ...(em ? { em } : {}) }, work);

export const currentTurn = (): TurnScope | undefined => scope.getStore();
