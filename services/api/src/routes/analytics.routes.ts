import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AppError, inTenant } from '@taskline/core';
import { tenantFor } from '../context.ts';
import { isoDate, tenantParams, type Routes } from './types.ts';

const COLUMNS = [
  'at',
  'received',
  'sent',
  'delivered',
  'read',
  'failed',
  'activeUsers',
  'conversations',
  'medianResponseMs',
  'p95ResponseMs',
] as const;

export const analyticsRoutes: Routes = (api, ctx) => {
  api.get(
    '/tenants/:tenant/analytics',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Messages sent/received/delivered/read, active users, conversations, response times per hour or day; busiest hours',
        params: tenantParams,
        querystring: z.object({
          from: isoDate.optional().describe('default: 7 days ago'),
          to: isoDate.optional().describe('default: now'),
          granularity: z.enum(['hour', 'day']).default('hour'),
          format: z.enum(['json', 'csv']).default('json'),
        }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from
        ? new Date(request.query.from)
        : new Date(to.getTime() - 7 * 86_400_000);
      if (from >= to) throw new AppError('BAD_REQUEST', 'from: must be before to');
      if (to.getTime() - from.getTime() > 400 * 86_400_000)
        throw new AppError('BAD_REQUEST', 'at most 400 days at once');
      const unit = request.query.granularity;
      const { series, busiest } = await inTenant(ctx.orm, tenant.id, async (em) => {
        const series = await em.execute<Record<string, unknown>[]>(
          `select date_trunc('${unit}', hour at time zone ?) at time zone ? as at,
                  sum(received)::int as received, sum(sent)::int as sent, sum(delivered)::int as delivered,
                  sum(read)::int as read, sum(failed)::int as failed, max(active_users)::int as "activeUsers",
                  sum(conversations)::int as conversations,
                  round(avg(median_response_ms))::int as "medianResponseMs", max(p95_response_ms)::int as "p95ResponseMs"
           from message_analytics where tenant_id = ? and hour >= ? and hour < ?
           group by 1 order by 1`,
          [tenant.timezone, tenant.timezone, tenant.id, from.toISOString(), to.toISOString()],
        );
        const busiest = await em.execute<{ hour: number; messages: number }[]>(
          `select extract(hour from hour at time zone ?)::int as hour, sum(received + sent)::int as messages
           from message_analytics where tenant_id = ? and hour >= ? and hour < ?
           group by 1 order by 2 desc, 1 limit 24`,
          [tenant.timezone, tenant.id, from.toISOString(), to.toISOString()],
        );
        return { series, busiest };
      });
      const rows = series.map((row) => ({ ...row, at: new Date(row.at as string).toISOString() }));
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${tenant.slug}-analytics-${unit}.csv"`)
          .send(stringify(rows, { header: true, columns: [...COLUMNS] }));
      }
      const totals = Object.fromEntries(
        (['received', 'sent', 'delivered', 'read', 'failed', 'conversations'] as const).map((key) => [
          key,
          rows.reduce((sum, row) => sum + Number((row as Record<string, unknown>)[key] ?? 0), 0),
        ]),
      );
      return {
        tenant: tenant.slug,
        timezone: tenant.timezone,
        granularity: unit,
        from: from.toISOString(),
        to: to.toISOString(),
        totals,
        series: rows,
        busiestHours: busiest,
      };
    },
  );
};
