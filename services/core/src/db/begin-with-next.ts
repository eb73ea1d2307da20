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

const answer = (command: string, rows: Record<string, string>[] = []) => ({
  command,
  rowCount: rows.length || null,
  oid: 0,
  rows,
  fields: [],
});
const isBare = (text: unknown, values: unknown): text is string =>
  typeof text === 'string' && (values === undefined || (Array.isArray(values) && values.length === 0));

/** MikroORM's session context as it sends it: `select set_config('k', 'v', true), ...`, values inlined. */
const LITERAL = String.raw`'((?:[^']|'')*)'`;
const SET_LOCAL = new RegExp(String.raw`set_config\(${LITERAL}, ${LITERAL}, true\)`, 'g');
const SESSION_CONTEXT = new RegExp(
  String.raw`^select set_config\(${LITERAL}, ${LITERAL}, true\)(, set_config\(${LITERAL}, ${LITERAL}, true\))*$`,
);

/**
 * A pg client that sends a transaction's opening together with its first real statement. Every tenant transaction
 * starts with `begin` and MikroORM's `select set_config(...)` (tenant and role): as separate simple queries that is
 * two socket writes and two round trips before any work, where one multi-statement query (`begin; select
 * set_config(...); <statement>`) does the same. Writes to PostgreSQL were the worker's largest cost
 * (docs/performance.md), so `begin`, and the session context right after it, wait for the next statement: sent with
 * it when that is a simple query too, just before it otherwise (pg runs a client's queries in order). The held
 * `set_config` answers with the value it sets, as PostgreSQL would; an error in it (a role the login may not take)
 * shows on the statement it went out with, which fails the transaction the same way. A transaction that ends before
 * any real statement sends nothing at all.
 */
export class BeginWithNextClient extends pg.Client {
  #pending: string | null = null;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same overloads as pg.Client's query
  override query(...args: any[]): any {
    const [text, values, callback] = args as unknown[];
    if (callback !== undefined || !isBare(text, values)) {
      this.#sendPending();
      return send(this, ...(args as unknown[]));
    }
    const statement = text.trim();
    const lower = statement.toLowerCase();
    if (lower === 'begin') {
      this.#sendPending();
      this.#pending = 'begin';
      return Promise.resolve(answer('BEGIN'));
    }
    if (this.#pending === null) return send(this, ...(args as unknown[]));
    if (lower === 'commit' || lower === 'rollback') {
      this.#pending = null;
      return Promise.resolve(answer(lower.toUpperCase()));
    }
    if (this.#pending === 'begin' && SESSION_CONTEXT.test(statement)) {
      this.#pending = `begin; ${statement}`;
      const values = [...statement.matchAll(SET_LOCAL)].map((m) => m[2]!.replaceAll("''", "'"));
      return Promise.resolve(answer('SELECT', [{ set_config: values[values.length - 1]! }]));
    }
    const prefix = this.#pending;
    this.#pending = null;
    // A multi-statement simple query answers with one result per statement: the caller asked for the last.
    return (send(this, `${prefix}; ${text}`) as Promise<pg.QueryResult | pg.QueryResult[]>).then((results) =>
      Array.isArray(results) ? results[results.length - 1] : results,
    );
  }

  #sendPending(): void {
    if (this.#pending === null) return;
    const prefix = this.#pending;
    this.#pending = null;
    // Queued ahead of the statement that follows; a failure shows in that statement too.
    (send(this, prefix) as Promise<unknown>).catch(() => undefined);
  }
}
