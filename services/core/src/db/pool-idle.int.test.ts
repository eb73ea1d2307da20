import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { openOrm, type MikroORM } from './orm.ts';

/** pg's own default: a connection unused this long is closed. */
const PG_DEFAULT_IDLE_MS = 10_000;

describe('the connection pool', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('pool_idle') });
  });
  afterAll(() => orm?.close());

  const backend = async () => {
    const [row] = await orm.em.fork().execute<{ pid: number }[]>('select pg_backend_pid() as pid');
    return row!.pid;
  };

  it('keeps a connection through a pause in the conversation longer than pg’s default idle time', async () => {
    const before = await backend();
    await new Promise((resolve) => setTimeout(resolve, PG_DEFAULT_IDLE_MS + 1500));
    // The same server process answers: no new connection, no cold caches for the next message.
    expect(await backend()).toBe(before);
  }, 30_000);
});
