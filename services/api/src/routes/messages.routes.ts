import { z } from 'zod';
import { MESSAGE_STATUSES, inTenant, messageText, openJson, queryTerms } from '@taskline/core';
import { tenantFor } from '../context.ts';
import { cursorQuery, decodeCursor, encodeCursor, isoDate, tenantParams, type Routes } from './types.ts';

const messageQuery = z.object({
  direction: z.enum(['in', 'out']).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  contact: z.uuid().optional().describe('one user mapping: the conversation view'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('whole words in the text, any case and accents; every word must appear'),
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
      if (query.q) {
        // Bodies are encrypted: search matches the blind index of their words, under whichever key wrote it.
        const sets = queryTerms(tenant.id, query.q);
        if (sets.length === 0) return { items: [], nextCursor: null };
        add(
          `(${sets.map(() => 'm.body_terms @> ?::bigint[]').join(' or ')})`,
          ...sets.map((t) => `{${t.join(',')}}`),
        );
      }
      if (after) add('(m.created_at, m.id) < (?, ?)', after.at, after.id);
      const rows = await inTenant(ctx.orm, tenant.id, async (em) => {
        // Under row-level security PostgreSQL cannot use statistics or the GIN index for a filter whose operator
        // is not leakproof, and picks a parallel scan of the whole table (300 ms at 1M rows). Walking the
        // (tenant_id, created_at) index newest first and stopping at the page is what search wants.
        if (query.q) await em.execute('set local enable_seqscan = off');
        return em.execute<Record<string, unknown>[]>(
          `select m.id, m.direction, m.wamid, m.in_reply_to as "inReplyTo", m.peer, m.contact_id as "contactId",
                  u.display_name as "userName", m.type, m.body, m.status,
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
        items: page.map(({ body, ...row }) => ({
          ...row,
          text: messageText(openJson(body), row.type as string),
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
