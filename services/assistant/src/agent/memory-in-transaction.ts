import { MessageList } from '@mastra/core/agent';
import type { MastraDBMessage, StorageThreadType } from '@mastra/core/memory';
import type { MastraStorage } from '@mastra/core/storage';
import { APP_ROLE, type EntityManager } from '@taskline/core';
import { currentTurn } from './turn-scope.ts';

/** A message as its table stores it. */
interface Row {
  id: string;
  thread_id: string;
  content: string;
  created_at: string;
  role: string;
  type: string;
  resource_id: string;
}

/** Mastra's two memory tables in `schema`, quoted for SQL. */
const memoryTables = (schema: string) => ({
  threads: `"${schema}"."mastra_threads"`,
  messages: `"${schema}"."mastra_messages"`,
});

/**
 * The memory a turn writes goes into the transaction of the message it answers, so it commits with the message's
 * record, its reply and the tools' work, or not at all: a message redelivered after a crash is remembered once, not
 * twice. Mastra's PostgreSQL store would save on its own pool instead, in a transaction of its own (a thread check,
 * BEGIN, the messages, the thread's updatedAt, COMMIT); here that is one statement in the message's transaction.
 *
 * The SQL writes the rows exactly as @mastra/pg's `saveThread` and `saveMessages` do (its tables in `schema`); the
 * integration test compares the rows both write, so an upgrade of Mastra that changes them fails the test. Reads
 * stay Mastra's: the worker serialises a conversation's messages, so no other turn reads this one's rows before
 * they commit. Outside a turn that carries a transaction (`inTurn` without one), Mastra's own methods run.
 */
export function memoryInTransaction<S extends MastraStorage>(storage: S, schema: string): S {
  const memory = storage.stores?.memory;
  if (!memory) return storage;
  const { threads, messages } = memoryTables(schema);
  const saveThread = async (em: EntityManager, { thread }: { thread: StorageThreadType }) => {
    const metadata = thread.metadata ? JSON.stringify(thread.metadata) : null;
    const createdAt = thread.createdAt.toISOString();
    const updatedAt = thread.updatedAt.toISOString();
    await em.execute(
      `insert into ${threads} (id, "resourceId", title, metadata, "createdAt", "createdAtZ", "updatedAt", "updatedAtZ")
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set "resourceId" = excluded."resourceId", title = excluded.title,
         metadata = excluded.metadata, "createdAt" = excluded."createdAt", "createdAtZ" = excluded."createdAtZ",
         "updatedAt" = excluded."updatedAt", "updatedAtZ" = excluded."updatedAtZ"`,
      [thread.id, thread.resourceId, thread.title, metadata, createdAt, createdAt, updatedAt, updatedAt],
    );
    return {
      ...thread,
      metadata: metadata ? (JSON.parse(metadata) as Record<string, unknown>) : thread.metadata,
    };
  };
  const saveMessages = async (em: EntityManager, { messages: given }: { messages: MastraDBMessage[] }) => {
    if (given.length === 0) return { messages: [] };
    const rows = new Map<string, Row>();
    for (const message of given) {
      if (!message.threadId || !message.resourceId)
        throw new Error(`memory message ${message.id} has no thread or resource id`);
      // A message given twice is saved once, with its latest content and its first time.
      const createdAt = rows.get(message.id)?.created_at ?? (message.createdAt ?? new Date()).toISOString();
      rows.set(message.id, {
        id: message.id,
        thread_id: message.threadId,
        content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
        created_at: createdAt,
        role: message.role,
        type: message.type || 'v2',
        resource_id: message.resourceId,
      });
    }
    const now = new Date().toISOString();
    // The threads' updatedAt moves, and only messages of a thread that exists are written: a message saved before is
    // updated (as Mastra's upsert does), a new one inserted. Not `on conflict do update`, which would need the right
    // to read the stored content (grantMemoryWrites). The ids go to the tables as `= any(array(...))`: joined to the
    // recordset (which the planner guesses at 100 rows) both tables were read whole, every turn.
    const saved = await em.execute<{ thread_id: string }[]>(
      `with m as (
         select * from jsonb_to_recordset(?::jsonb) as m(id text, thread_id text, content text, created_at text,
           role text, type text, resource_id text)
       ), thread as (
         update ${threads} set "updatedAt" = ?, "updatedAtZ" = ? where id = any(array(select thread_id from m))
         returning id
       ), updated as (
         update ${messages} as t set thread_id = m.thread_id, content = m.content, role = m.role, type = m.type,
           "resourceId" = m.resource_id
         from m where t.id = any(array(select id from m)) and t.id = m.id and m.thread_id in (select id from thread)
         returning t.id, t.thread_id
       ), inserted as (
         insert into ${messages} (id, thread_id, content, "createdAt", "createdAtZ", role, type, "resourceId")
         select id, thread_id, content, created_at::timestamp, created_at::timestamptz, role, type, resource_id
         from m where thread_id in (select id from thread) and id not in (select id from updated)
         returning thread_id
       )
       select thread_id from updated union all select thread_id from inserted`,
      [JSON.stringify([...rows.values()]), now, now],
    );
    if (saved.length < rows.size) {
      const found = new Set(saved.map((row) => row.thread_id));
      const missing = [...rows.values()].find((row) => !found.has(row.thread_id));
      throw new Error(`memory thread ${missing?.thread_id ?? '?'} not found`);
    }
    const parsed = given.map((message) => ({ ...message, content: parseJson(message.content) }));
    return { messages: new MessageList().add(parsed as never, 'memory').get.all.db() };
  };
  const writes = { saveThread, saveMessages } as Record<string, (em: EntityManager, input: never) => unknown>;

  storage.stores!.memory = new Proxy(memory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const own = (value as (...a: unknown[]) => unknown).bind(target);
      const write = typeof property === 'string' ? writes[property] : undefined;
      if (!write) return own;
      return (input: never) => {
        const em = currentTurn()?.em;
        return em ? write(em, input) : own(input);
      };
    },
  });
  return storage;
}

function parseJson(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}

/**
 * Lets the tenant transactions (the application role) write the memory tables, once Mastra has created them. Of the
 * messages they may read only the ids the statement above matches on: the table holds every tenant's conversations
 * and has no tenant column for row-level security, so a tenant's transaction must not be able to read them. Threads
 * (ids, owners, timestamps) are readable: the upsert of a thread needs it.
 */
export async function grantMemoryWrites(em: EntityManager, schema: string): Promise<void> {
  const { threads, messages } = memoryTables(schema);
  await em.execute(`grant usage on schema "${schema}" to ${APP_ROLE}`);
  await em.execute(`revoke all on ${threads}, ${messages} from ${APP_ROLE}`);
  await em.execute(`grant select, insert, update on ${threads} to ${APP_ROLE}`);
  await em.execute(`grant insert, update, select (id, thread_id) on ${messages} to ${APP_ROLE}`);
}
