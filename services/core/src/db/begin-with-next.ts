import pg from 'pg';

/**
 * pg's own `query`, called untyped (its overloads pass straight through) and looked up at each call: tracing wraps
 * it on the prototype, possibly after this module was loaded.
 */
function send(client: pg.Client, ...args: unknown[]): unknown {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called on the client just below
  const query = pg.Client.prototype.query as (this: pg.Client, ...a: unknown[]) => unknown;
  return query.apply(client, args);
}

const done = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });
const isBare = (text: unknown, values: unknown): text is string =>
  typeof text === 'string' && (values === undefined || (Array.isArray(values) && values.length === 0));

/**
 * A pg client that sends a transaction's `begin` together with the statement after it. Every tenant transaction
 * starts with `begin` and then `select set_config(...)` (tenant and role), two simple queries: two socket writes and
 * two round trips, where one multi-statement query (`begin; select set_config(...)`) does the same. Writes to
 * PostgreSQL were the worker's largest cost (docs/performance.md), so `begin` waits for the next statement: sent
 * with it when that is a simple query too, just before it otherwise (pg runs a client's queries in order). A
 * transaction that ends before any statement sends nothing at all.
 */
export class BeginWithNextClient extends pg.Client {
  #beginPending = false;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same overloads as pg.Client's query
  override query(...args: any[]): any {
    const [text, values, callback] = args as unknown[];
    if (callback !== undefined || !isBare(text, values)) {
      this.#sendPendingBegin();
      return send(this, ...(args as unknown[]));
    }
    const statement = text.trim().toLowerCase();
    if (statement === 'begin') {
      this.#sendPendingBegin();
      this.#beginPending = true;
      return Promise.resolve(done('BEGIN'));
    }
    if (this.#beginPending && (statement === 'commit' || statement === 'rollback')) {
      this.#beginPending = false;
      return Promise.resolve(done(statement.toUpperCase()));
    }
    if (!this.#beginPending) return send(this, ...(args as unknown[]));
    this.#beginPending = false;
    // A multi-statement simple query answers with one result per statement: the caller asked for the last.
    return (send(this, `begin; ${text}`) as Promise<pg.QueryResult | pg.QueryResult[]>).then((results) =>
      Array.isArray(results) ? results[results.length - 1] : results,
    );
  }

  #sendPendingBegin(): void {
    if (!this.#beginPending) return;
    this.#beginPending = false;
    // Queued ahead of the statement that follows; a failure shows in that statement too.
    (send(this, 'begin') as Promise<unknown>).catch(() => undefined);
  }
}
