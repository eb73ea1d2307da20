import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '@mastra/pg';
import { inTenant, type EntityManager, type MikroORM } from '@taskline/core';
import { seededOwner } from '../../../../test/support/services.ts';
import { grantMemoryWrites, memoryInTransaction } from './memory-in-transaction.ts';
import { inTurn } from './turn-scope.ts';

type Memory = NonNullable<PostgresStore['stores']>['memory'] & object;

const at = new Date('2026-12-02T10:00:00.123Z');
const thread = (id: string) => ({
  id,
  resourceId: 'user-1',
  title: 'New Thread',
  metadata: { topic: 'tasks' },
  createdAt: at,
  updatedAt: at,
});
const messages = (threadId: string) =>
  [
    {
      id: `${threadId}-1`,
      threadId,
      resourceId: 'user-1',
      role: 'user',
      type: 'v2',
      createdAt: at,
      content: { format: 2, parts: [{ type: 'text', text: 'create a task to review the reports' }] },
    },
    {
      id: `${threadId}-2`,
      threadId,
      resourceId: 'user-1',
      role: 'assistant',
      createdAt: new Date(at.getTime() + 5),
      content: { format: 2, parts: [{ type: 'text', text: 'Created *review the reports*.' }] },
    },
  ] as never;

/**
 * The memory a turn writes commits with the message's transaction: the same rows Mastra's PostgreSQL store writes
 * (compared with what the store itself writes for the same input, so an upgrade of Mastra that changes them fails
 * here), and none when the transaction rolls back.
 */
describe('memoryInTransaction over PostgreSQL', () => {
  let orm: MikroORM;
  let tenantId: string;
  let storage: PostgresStore;
  let plain: PostgresStore;
  const ours = () => storage.stores.memory as Memory;
  const theirs = () => plain.stores.memory as Memory;

  /** Runs `work` as one agent turn inside a tenant transaction, as the worker does for a message. */
  const turn = <T>(work: (memory: Memory) => Promise<T>) =>
    inTenant(orm, tenantId, (em) => inTurn(() => work(ours()), em));

  const rows = async (threadId: string) => {
    const em = orm.em.fork();
    const [stored] = await em.execute<Record<string, unknown>[]>(
      'select * from mastra.mastra_threads where id = ?',
      [threadId],
    );
    const saved = await em.execute<Record<string, unknown>[]>(
      'select * from mastra.mastra_messages where thread_id = ? order by id',
      [threadId],
    );
    return { thread: stored, messages: saved };
  };
  /** Another thread's rows with its id in place of `from`. */
  const renamed = (value: unknown, from: string, to: string): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll(from, to));

  beforeAll(async () => {
    const seeded = await seededOwner('memory_in_tx');
    ({ orm } = seeded);
    tenantId = seeded.owner.tenantId;
    const options = { connectionString: seeded.databaseUrl, schemaName: 'mastra' };
    storage = memoryInTransaction(new PostgresStore({ id: 'memory-in-tx', ...options }), 'mastra');
    plain = new PostgresStore({ id: 'memory-plain', ...options });
    await storage.init();
    await plain.init();
    await orm.em.fork().transactional((em) => grantMemoryWrites(em, 'mastra'));
  });

  afterAll(async () => {
    await storage?.close();
    await plain?.close();
    await orm?.close();
  });

  it("writes the rows Mastra's store writes, and returns what it returns", async () => {
    const returned = await turn(async (memory) => {
      const savedThread = await memory.saveThread({ thread: thread('tx-thread') });
      const saved = await memory.saveMessages({ messages: messages('tx-thread') });
      return { savedThread, saved };
    });
    const savedThread = await theirs().saveThread({ thread: thread('own-thread') });
    const saved = await theirs().saveMessages({ messages: messages('own-thread') });

    expect(renamed(returned, 'tx-thread', 'own-thread')).toEqual(
      JSON.parse(JSON.stringify({ savedThread, saved })),
    );
    const mine = await rows('tx-thread');
    const own = await rows('own-thread');
    expect(mine.messages).toHaveLength(2);
    expect(renamed(mine.messages, 'tx-thread', 'own-thread')).toEqual(
      JSON.parse(JSON.stringify(own.messages)),
    );
    // Both move the thread's updatedAt to the time of the save; the rest of the thread is the same.
    const { updatedAt, updatedAtZ, ...rest } = mine.thread!;
    const { updatedAt: _a, updatedAtZ: _b, ...ownThread } = own.thread!;
    expect(renamed(rest, 'tx-thread', 'own-thread')).toEqual(JSON.parse(JSON.stringify(ownThread)));
    expect(new Date(String(updatedAtZ)).getTime()).toBeGreaterThan(at.getTime());
    expect(new Date(`${String(updatedAt)}Z`).getTime()).toBeGreaterThan(at.getTime());

    // Mastra reads them back as it reads its own.
    const read = await theirs().listMessages({ threadId: 'tx-thread' });
    const readOwn = await theirs().listMessages({ threadId: 'own-thread' });
    expect(renamed(read.messages, 'tx-thread', 'own-thread')).toEqual(
      JSON.parse(JSON.stringify(readOwn.messages)),
    );
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      turn(async (memory) => {
        await memory.saveThread({ thread: thread('rolled-back') });
        await memory.saveMessages({ messages: messages('rolled-back') });
        throw new Error('the reply could not be recorded');
      }),
    ).rejects.toThrow('the reply could not be recorded');
    expect(await rows('rolled-back')).toEqual({ thread: undefined, messages: [] });
  });

  it('refuses the messages of a thread that does not exist, writing none', async () => {
    await expect(
      turn((memory) => memory.saveMessages({ messages: messages('no-such-thread') })),
    ).rejects.toThrow('memory thread no-such-thread not found');
    expect((await rows('no-such-thread')).messages).toEqual([]);
  });

  it("lets a tenant's transaction write the memory but not read what it holds", async () => {
    await turn(async (memory) => {
      await memory.saveThread({ thread: thread('private') });
      await memory.saveMessages({ messages: messages('private') });
    });
    // Saved again (as Mastra does when a message changes): updated in place, still without reading it.
    await turn((memory) => memory.saveMessages({ messages: messages('private') }));
    expect((await rows('private')).messages).toHaveLength(2);
    await expect(
      inTenant(orm, tenantId, (em) => em.execute('select content from mastra.mastra_messages')),
    ).rejects.toThrow('permission denied for table mastra_messages');
  });

  it("saves a message given twice once, and outside a turn leaves the writing to Mastra's store", async () => {
    await ours().saveThread({ thread: thread('outside') });
    const [first] = messages('outside') as { id: string }[];
    const twice = [first, { ...first!, content: { format: 2, parts: [{ type: 'text', text: 'edited' }] } }];
    await turn((memory) => memory.saveMessages({ messages: twice as never }));
    const { thread: stored, messages: saved } = await rows('outside');
    expect(stored).toMatchObject({ id: 'outside', resourceId: 'user-1' });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      id: 'outside-1',
      content: expect.stringContaining('edited') as unknown,
    });
  });

  it('reaches the thread and the messages through their keys, never reading either table whole', async () => {
    // Enough history that reading a table whole is what the planner would choose for a join it misjudges.
    const owner = orm.em.fork();
    await owner.execute(
      `insert into mastra.mastra_threads (id, "resourceId", title, metadata, "createdAt", "createdAtZ", "updatedAt", "updatedAtZ")
       select 'history-' || i, 'user-' || i, 'New Thread', '{}', now(), now(), now(), now() from generate_series(1, 2000) i`,
    );
    await owner.execute(
      `insert into mastra.mastra_messages (id, thread_id, content, "createdAt", "createdAtZ", role, type, "resourceId")
       select 'history-' || i || '-' || j, 'history-' || i, '{}', now(), now(), 'user', 'v2', 'user-' || i
       from generate_series(1, 2000) i, generate_series(1, 2) j`,
    );
    await owner.execute('analyze mastra.mastra_threads, mastra.mastra_messages');

    // pg_stat_xact_user_tables also holds counts this connection has not reported yet: compare before and after.
    const seqScans = async (em: EntityManager) => {
      const counts = await em.execute<{ relname: string; seq_scan: string }[]>(
        `select relname, seq_scan from pg_stat_xact_user_tables
         where schemaname = 'mastra' and relname in ('mastra_threads', 'mastra_messages') order by relname`,
      );
      return counts.map((row) => [row.relname, Number(row.seq_scan)] as const);
    };
    const [before, after] = await inTenant(orm, tenantId, (em) =>
      inTurn(async () => {
        const before = await seqScans(em);
        await ours().saveThread({ thread: thread('indexed') });
        await ours().saveMessages({ messages: messages('indexed') });
        await ours().saveMessages({ messages: messages('indexed') });
        return [before, await seqScans(em)];
      }, em),
    );
    expect(after).toEqual(before);
    expect((await rows('indexed')).messages).toHaveLength(2);
  });
});
