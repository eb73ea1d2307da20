import { inTenant, type EntityManager, type MikroORM } from '@taskline/core';

interface Waiting<E, R> {
  event: E;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the short pieces of work asked for during one turn of the event loop in one tenant transaction: one commit
 * (one WAL flush) and one round trip for `begin` and `commit` for the whole group instead of each. Each caller's
 * promise settles once the group has committed. Delivery statuses arrive three per reply (sent, delivered, read) and
 * the sender marks and records every send, each one short UPDATE, so under load their transactions were a large
 * share of PostgreSQL's work. When the group's transaction fails, each piece is run again in its own, so one bad
 * event fails only itself.
 */
export class TransactionBatch<E, R> {
  #waiting: Waiting<E, R>[] = [];
  readonly #orm: MikroORM;
  readonly #tenantId: string;
  readonly #apply: (em: EntityManager, event: E) => Promise<R>;

  constructor(orm: MikroORM, tenantId: string, apply: (em: EntityManager, event: E) => Promise<R>) {
    this.#orm = orm;
    this.#tenantId = tenantId;
    this.#apply = apply;
  }

  run(event: E): Promise<R> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.push({ event, resolve, reject }) === 1) setImmediate(() => void this.#runWaiting());
    });
  }

  async #runWaiting(): Promise<void> {
    const group = this.#waiting;
    this.#waiting = [];
    const alone = (item: Waiting<E, R>) =>
      inTenant(this.#orm, this.#tenantId, (em) => this.#apply(em, item.event)).then(
        item.resolve,
        item.reject,
      );
    if (group.length === 1) return alone(group[0]!);
    try {
      const results = await inTenant(this.#orm, this.#tenantId, async (em) => {
        const out: R[] = [];
        for (const item of group) out.push(await this.#apply(em, item.event));
        return out;
      });
      group.forEach((item, i) => item.resolve(results[i]!));
    } catch {
      await Promise.all(group.map(alone));
    }
  }
}
