import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { BeginWithNextClient } from './begin-with-next.ts';

describe('BeginWithNextClient', () => {
  let client: BeginWithNextClient;
  beforeAll(async () => {
    client = new BeginWithNextClient({ connectionString: await freshDatabase('begin_with_next') });
    await client.connect();
    await client.query('create table items (name text primary key)');
  });
  afterAll(() => client?.end());

  const setting = async () => {
    const result = (await client.query(`select current_setting('app.x', true) as v`)) as pg.QueryResult<{
      v: string;
    }>;
    return result.rows[0]!.v;
  };

  it('starts the transaction with the next simple statement and answers with that statement', async () => {
    expect(await client.query('begin')).toMatchObject({ command: 'BEGIN' });
    const result = await client.query(`select set_config('app.x', 'inside', true) as v`);
    expect(result.rows).toEqual([{ v: 'inside' }]);
    // Transaction-local: still set in the transaction, gone after the commit.
    expect(await setting()).toBe('inside');
    await client.query('commit');
    expect(await setting()).toBe('');
  });

  it("holds MikroORM's session context too: begin, set_config and the statement in one round trip", async () => {
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await client.query('begin');
      const context = await client.query(
        `select set_config('app.x', 'it''s mine', true), set_config('app.y', 'two', true)`,
      );
      expect(context.rows).toEqual([{ set_config: 'two' }]);
      expect(await setting()).toBe("it's mine");
      await client.query('commit');
      expect(sent.mock.calls.map(([text]) => text)).toEqual([
        `begin; select set_config('app.x', 'it''s mine', true), set_config('app.y', 'two', true); select current_setting('app.x', true) as v`,
        'commit',
      ]);
      expect(await setting()).toBe('');
      // A transaction that only set its context sends nothing.
      sent.mockClear();
      await client.query('begin');
      await client.query(`select set_config('app.x', 'unused', true)`);
      await client.query('rollback');
      expect(sent).not.toHaveBeenCalled();
    } finally {
      sent.mockRestore();
    }
  });

  it('sends begin ahead of a parameterised statement, and rolls back what followed', async () => {
    await client.query('begin', []);
    await client.query('insert into items (name) values ($1)', ['kept out']);
    await client.query('rollback');
    expect((await client.query('select count(*)::int as n from items')).rows).toEqual([{ n: 0 }]);
    await client.query('begin');
    await client.query('insert into items (name) values ($1)', ['kept']);
    await client.query('commit');
    expect((await client.query('select name from items')).rows).toEqual([{ name: 'kept' }]);
  });

  it('sends nothing for a transaction with no statement, and recovers from a failing first statement', async () => {
    await client.query('begin');
    expect(await client.query('commit')).toMatchObject({ command: 'COMMIT' });
    await client.query('begin');
    await expect(client.query(`insert into items (name) values ('kept')`)).rejects.toThrow(/duplicate key/);
    // The failed statement left the transaction aborted, as without this client: the rollback ends it.
    await expect(client.query('select 1')).rejects.toThrow(/current transaction is aborted/);
    await client.query('rollback');
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
