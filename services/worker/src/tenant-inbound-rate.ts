import { inTenant, type MikroORM } from '@taskline/core';

/**
 * How many messages the whole tenant received in the last minute, across every worker replica, cheaply: the count
 * is read from PostgreSQL at most once per `refreshMs` (one index range scan) and messages seen here since are
 * added locally. At most `refreshMs` stale, which a per-minute limit does not notice.
 */
export class TenantInboundRate {
  readonly #orm: MikroORM;
  readonly #tenantId: string;
  readonly #refreshMs: number;
  #counted = 0;
  #since = 0;
  #countedAt = -Infinity;
  #refreshing: Promise<void> | undefined;
  /** When each sender was last told the tenant is busy: at most one notice a minute each (bounded). */
  readonly #told = new Map<string, number>();
  #auditedAt = -Infinity;

  constructor(orm: MikroORM, tenantId: string, refreshMs = 1000) {
    this.#orm = orm;
    this.#tenantId = tenantId;
    this.#refreshMs = refreshMs;
  }

  /** Counts one more message and returns the tenant's messages in the last minute, this one included. */
  async note(): Promise<number> {
    if (performance.now() - this.#countedAt > this.#refreshMs) {
      this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined));
      await this.#refreshing;
    }
    this.#since += 1;
    return this.#counted + this.#since;
  }

  /** True the first time in a minute a sender is refused for the tenant's rate (they get one notice). */
  shouldTell(peer: string, now = Date.now()): boolean {
    const last = this.#told.get(peer);
    if (last !== undefined && now - last < 60_000) return false;
    if (this.#told.size >= 10_000) {
      for (const [key, at] of this.#told) if (now - at >= 60_000) this.#told.delete(key);
      if (this.#told.size >= 10_000) this.#told.delete(this.#told.keys().next().value!);
    }
    this.#told.set(peer, now);
    return true;
  }

  /** True at most once a minute: a flood is audited once per minute per worker, not once per message. */
  shouldAudit(now = Date.now()): boolean {
    if (now - this.#auditedAt < 60_000) return false;
    this.#auditedAt = now;
    return true;
  }

  async #refresh(): Promise<void> {
    const rows = await inTenant(this.#orm, this.#tenantId, (em) =>
      em.execute<{ n: string }[]>(
        `select count(*) as n from whatsapp_messages
         where tenant_id = ? and created_at > now() - interval '1 minute' and direction = 'in'`,
        [this.#tenantId],
      ),
    );
    this.#counted = Number(rows[0]?.n ?? 0);
    this.#since = 0;
    this.#countedAt = performance.now();
  }
}
