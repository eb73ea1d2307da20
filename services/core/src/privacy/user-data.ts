import { AppError } from '../errors.ts';
import { openJson } from '../db/entities/encrypted-json.type.ts';
import { openContent } from '../crypto/sealed-content.ts';
import { inTenant, type EntityManager, type MikroORM } from '../db/orm.ts';

/**
 * One person's data in one tenant, for data-subject requests (GDPR-style access and erasure): the platform user,
 * their WhatsApp mappings, tasks, projects, reminders, every message to or from them, and the assistant's memory of
 * the conversation (Mastra's store, schema `mastra`, keyed by resource = user id).
 */
export interface UserDataExport {
  exportedAt: string;
  tenant: string;
  user: Record<string, unknown>;
  whatsappContacts: Record<string, unknown>[];
  projects: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
  reminders: Record<string, unknown>[];
  messages: Record<string, unknown>[];
  assistantMemory: { threads: Record<string, unknown>[]; messages: Record<string, unknown>[] };
}

export interface ErasureReport {
  user: number;
  whatsappContacts: number;
  projects: number;
  tasks: number;
  reminders: number;
  messages: number;
  assistantThreads: number;
  assistantMessages: number;
}

/** Finds a user of the tenant by id or by a mapped WhatsApp number (E.164). */
export async function resolveUser(orm: MikroORM, tenantId: string, who: string): Promise<string> {
  const rows = await inTenant(orm, tenantId, (em) =>
    /^[0-9a-f-]{36}$/i.test(who)
      ? em.execute<{ id: string }[]>('select id from users where tenant_id = ? and id = ?', [tenantId, who])
      : em.execute<{ id: string }[]>(
          'select user_id as id from whatsapp_contacts where tenant_id = ? and (phone = ? or wa_user_id = ?)',
          [tenantId, who, who],
        ),
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', `no user "${who}" in this tenant`);
  return rows[0].id;
}

/** Message rows of the user: linked to one of their mappings, or to their number or WhatsApp user id as the peer. */
const MESSAGES = `from whatsapp_messages m where m.tenant_id = ? and (m.contact_id in
  (select id from whatsapp_contacts where tenant_id = ? and user_id = ?) or m.peer in
  (select coalesce(ltrim(phone, '+'), '') from whatsapp_contacts where tenant_id = ? and user_id = ?
   union select wa_user_id from whatsapp_contacts where tenant_id = ? and user_id = ? and wa_user_id is not null))`;
const messageArgs = (tenantId: string, userId: string) => [
  tenantId,
  tenantId,
  userId,
  tenantId,
  userId,
  tenantId,
  userId,
];

async function mastraTables(em: EntityManager): Promise<{ threads: boolean; messages: boolean }> {
  const rows = await em.execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = 'mastra' and table_name in ('mastra_threads', 'mastra_messages')`,
  );
  const names = new Set(rows.map((r) => r.table_name));
  return { threads: names.has('mastra_threads'), messages: names.has('mastra_messages') };
}

export async function exportUserData(
  orm: MikroORM,
  tenantId: string,
  userId: string,
): Promise<UserDataExport> {
  const data = await inTenant(orm, tenantId, async (em) => {
    const [user] = await em.execute<Record<string, unknown>[]>(
      'select * from users where tenant_id = ? and id = ?',
      [tenantId, userId],
    );
    if (!user) throw new AppError('NOT_FOUND', 'no such user in this tenant');
    const [tenant] = await em.execute<{ slug: string }[]>('select slug from tenants where id = ?', [
      tenantId,
    ]);
    const byOwner = (table: string, column = 'owner_id') =>
      em.execute<Record<string, unknown>[]>(
        `select * from ${table} where tenant_id = ? and ${column} = ? order by created_at`,
        [tenantId, userId],
      );
    return {
      tenant: tenant?.slug ?? tenantId,
      user,
      whatsappContacts: await byOwner('whatsapp_contacts', 'user_id'),
      projects: await byOwner('projects'),
      tasks: await byOwner('tasks'),
      reminders: await byOwner('reminders', 'user_id'),
      // Bodies are opened (they are encrypted at rest); the blind search index means nothing outside the database.
      messages: (
        await em.execute<Record<string, unknown>[]>(
          `select m.* ${MESSAGES} order by m.created_at`,
          messageArgs(tenantId, userId),
        )
      ).map(({ body_terms: _terms, ...row }) => ({ ...row, body: openJson(row.body) })),
    };
  });
  // The assistant's memory lives outside the tenant tables; it is keyed by the user id alone.
  const em = orm.em.fork();
  const tables = await mastraTables(em);
  const threads = tables.threads
    ? await em.execute<Record<string, unknown>[]>(
        'select * from mastra.mastra_threads where "resourceId" = ?',
        [userId],
      )
    : [];
  const messages = tables.messages
    ? (
        await em.execute<Record<string, unknown>[]>(
          `select * from mastra.mastra_messages where "resourceId" = ?
         or thread_id in (select id from mastra.mastra_threads where "resourceId" = ?) order by "createdAt"`,
          [userId, userId],
        )
      ).map((row) => ({ ...row, content: openMemoryContent(row.content) }))
    : [];
  return { exportedAt: new Date().toISOString(), ...data, assistantMemory: { threads, messages } };
}

/** The memory's content column is JSON text whose strings are sealed (../crypto/sealed-content.ts): opened here. */
function openMemoryContent(content: unknown): unknown {
  if (typeof content !== 'string') return openContent(content);
  try {
    return openContent(JSON.parse(content));
  } catch {
    return content;
  }
}

/** Deletes everything exportUserData returns, in one transaction for the tenant data. Returns what was deleted. */
export async function eraseUserData(orm: MikroORM, tenantId: string, userId: string): Promise<ErasureReport> {
  const report = await inTenant(orm, tenantId, async (em) => {
    const count = async (sql: string, params: unknown[]) =>
      (await em.execute<{ n: string }[]>(sql, params))[0]?.n ?? '0';
    const exists = await count('select count(*) as n from users where tenant_id = ? and id = ?', [
      tenantId,
      userId,
    ]);
    if (exists === '0') throw new AppError('NOT_FOUND', 'no such user in this tenant');
    const messages = await em.execute<{ id: string }[]>(
      `delete ${MESSAGES} returning m.id`,
      messageArgs(tenantId, userId),
    );
    const deleted = async (sql: string) =>
      (await em.execute<{ id: string }[]>(sql, [tenantId, userId])).length;
    const reminders = await deleted('delete from reminders where tenant_id = ? and user_id = ? returning id');
    const tasks = await deleted('delete from tasks where tenant_id = ? and owner_id = ? returning id');
    const projects = await deleted('delete from projects where tenant_id = ? and owner_id = ? returning id');
    const whatsappContacts = await deleted(
      'delete from whatsapp_contacts where tenant_id = ? and user_id = ? returning id',
    );
    const user = await deleted('delete from users where tenant_id = ? and id = ? returning id');
    return { user, whatsappContacts, projects, tasks, reminders, messages: messages.length };
  });
  const em = orm.em.fork();
  const tables = await mastraTables(em);
  let assistantMessages = 0;
  let assistantThreads = 0;
  if (tables.messages) {
    assistantMessages = (
      await em.execute<{ id: string }[]>(
        `delete from mastra.mastra_messages where "resourceId" = ?
         or thread_id in (select id from mastra.mastra_threads where "resourceId" = ?) returning id`,
        [userId, userId],
      )
    ).length;
  }
  if (tables.threads) {
    assistantThreads = (
      await em.execute<{ id: string }[]>(
        'delete from mastra.mastra_threads where "resourceId" = ? returning id',
        [userId],
      )
    ).length;
  }
  return { ...report, assistantThreads, assistantMessages };
}
