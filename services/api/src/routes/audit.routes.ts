import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AUDIT_OUTCOMES, AppError, Tenant, inTenant } from '@taskline/core';
import { principalOf } from '../context.ts';
import { cursorQuery, decodeCursor, encodeCursor, isoDate, type Routes } from './types.ts';

const COLUMNS = ['createdAt', 'tenant', 'actor', 'action', 'target', 'outcome', 'ip', 'details'];

export const auditRoutes: Routes = (api, ctx) => {
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The security audit log, newest first: tenant roles see their tenant, platform admins all',
        querystring: z.object({
          tenant: z
            .string()
            .regex(/^[a-z0-9-]{1,63}$/)
            .optional(),
          action: z.string().max(64).optional().describe('exact action or a prefix ending in "." (auth.)'),
          outcome: z.enum(AUDIT_OUTCOMES).optional(),
          actor: z.string().max(320).optional().describe('actor contains'),
          from: isoDate.optional(),
          to: isoDate.optional(),
          format: z.enum(['json', 'csv']).default('json'),
          ...cursorQuery,
        }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const query = request.query;
      let tenantId = principal.tenantId;
      if (query.tenant && principal.role === 'platform-admin') {
        const tenant = await ctx.orm.em.fork().findOne(Tenant, { slug: query.tenant });
        if (!tenant) throw new AppError('NOT_FOUND', `no tenant "${query.tenant}"`);
        tenantId = tenant.id;
      } else if (query.tenant && query.tenant !== principal.tenantSlug) {
        throw new AppError('FORBIDDEN', 'your account has no access to this tenant');
      }
      const where: string[] = ['true'];
      const values: unknown[] = [];
      const add = (clause: string, ...params: unknown[]) => {
        where.push(clause);
        values.push(...params);
      };
      if (tenantId) add('a.tenant_id = ?', tenantId);
      if (query.action) {
        if (query.action.endsWith('.'))
          add('a.action like ?', `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        else add('a.action = ?', query.action);
      }
      if (query.outcome) add('a.outcome = ?', query.outcome);
      if (query.actor) add('a.actor ilike ?', `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (query.from) add('a.created_at >= ?', query.from);
      if (query.to) add('a.created_at < ?', query.to);
      const after = decodeCursor(query.cursor);
      if (after) add('(a.created_at, a.id) < (?, ?)', after.at, after.id);
      const limit = query.format === 'csv' ? 10_000 : query.limit;
      const sql = `select a.id, a.created_at as "createdAt", t.slug as tenant, a.actor, a.action, a.target, a.outcome,
                     a.ip, a.user_agent as "userAgent", a.details
                   from security_audit_logs a left join tenants t on t.id = a.tenant_id
                   where ${where.join(' and ')} order by a.created_at desc, a.id desc limit ?`;
      // Tenant roles read through row-level security as well as the filter above.
      const rows = principal.tenantId
        ? await inTenant(ctx.orm, principal.tenantId, (em) =>
            em.execute<Record<string, unknown>[]>(sql, [...values, limit + 1]),
          )
        : await ctx.orm.em.fork().execute<Record<string, unknown>[]>(sql, [...values, limit + 1]);
      const page = rows.slice(0, limit).map((row): Record<string, unknown> => ({
        ...row,
        createdAt: new Date(row.createdAt as string).toISOString(),
      }));
      if (query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="taskline-audit.csv"')
          .send(
            stringify(
              page.map((row) => ({ ...row, details: row.details ? JSON.stringify(row.details) : '' })),
              { header: true, columns: COLUMNS },
            ),
          );
      }
      const last = page.at(-1);
      return {
        items: page,
        nextCursor:
          rows.length > limit && last ? encodeCursor(last.createdAt as string, last.id as string) : null,
      };
    },
  );
};
