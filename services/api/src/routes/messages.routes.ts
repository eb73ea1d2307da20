import { z } from 'zod';
import { MESSAGE_STATUSES, inTenant, messageTextSql } from '@taskline/core';
import { tenantFor } from '../context.ts';
import { cursorQuery, decodeCursor, encodeCursor, isoDate, tenantParams, type Routes } from './types.ts';

/** The readable text of a stored message, whatever its kind. */
const TEXT = messageTextSql('m');

const messageQuery = z.object({
  direction: z.enum(['in', 'out']).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  contact: z.uuid().optional().describe('one user mapping: the conversation view'),
  q: z.string().trim().min(1).max(200).optional().describe('words in the text'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...cursorQuery,
});

export const messageRoutes: Routes = (api, ctx) => {
  api.get(
    '/tenants/:tenant/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Messages in and out, newest first, filtered, paginated by cursor',
        params: tenantParams,
        querystring: messageQuery,
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const query = request.query;
      const after = decodeCursor(query.cursor);
      const where = ['m.tenant_id = ?'];
      const values: unknown[] = [tenant.id];
      const add = (clause: string, ...params: unknown[]) => {
        where.push(clause);
        values.push(...params);
      };
      if (query.direction) add('m.direction = ?', query.direction);
      if (query.status) add('m.status = ?', query.status);
      if (query.contact) add('m.contact_id = ?', query.contact);
      if (query.from) add('m.created_at >= ?', query.from);
      if (query.to) add('m.created_at < ?', query.to);
      if (query.q) add(`${TEXT} ilike ?`, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (after) add('(m.created_at, m.id) < (?, ?)', after.at, after.id);
      const rows = await inTenant(ctx.orm, tenant.id, async (em) => {
        // Under row-level security PostgreSQL cannot estimate a text filter (its operator is not leakproof) and
        // picks a parallel scan of the whole table: 300 ms at 1M rows. Walking the (tenant_id, created_at) index
        // newest first and stopping at the page is what search wants (5 ms in the same benchmark).
        if (query.q) await em.execute('set local enable_seqscan = off');
        return em.execute<Record<string, unknown>[]>(
          `select m.id, m.direction, m.wamid, m.in_reply_to as "inReplyTo", m.peer, m.contact_id as "contactId",
                  u.display_name as "userName", m.type, ${TEXT} as text, m.status,
                  m.status_history as "statusHistory", m.error, m.created_at as "createdAt", m.sent_at as "sentAt"
           from whatsapp_messages m
           left join whatsapp_contacts c on c.id = m.contact_id
           left join users u on u.id = c.user_id
           where ${where.join(' and ')}
           order by m.created_at desc, m.id desc limit ?`,
          [...values, query.limit + 1],
        );
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          ...row,
          createdAt: new Date(row.createdAt as string).toISOString(),
          sentAt: row.sentAt ? new Date(row.sentAt as string).toISOString() : null,
        })),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor(last.createdAt as string, last.id as string)
            : null,
      };
    },
  );
};
