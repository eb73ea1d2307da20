import { z } from 'zod';
import { inTenant, tenantHealth, type EntityManager } from '@taskline/core';
import { principalOf, tenantFor } from '../context.ts';
import { tenantParams, type Routes } from './types.ts';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The Ready condition the operator last reported, or null for a tenant not managed by the operator. */
export function readyOf(integration: Record<string, unknown> | null) {
  const status = integration?.status as { conditions?: Condition[] } | undefined;
  const ready = status?.conditions?.find((c) => c.type === 'Ready');
  return ready
    ? { status: ready.status, reason: ready.reason ?? null, message: ready.message ?? null }
    : null;
}

// A lateral subquery per tenant, so each one reads its last hour through the (tenant_id, created_at) index.
const OVERVIEW = `
  select t.id, t.slug, t.display_name as "displayName", t.status, t.timezone, t.integration,
         m.received, m.sent, m.failed, m."lastMessageAt",
         (select count(*) from whatsapp_contacts c where c.tenant_id = t.id and c.status = 'active') as users
  from tenants t
  left join lateral (
    select count(*) filter (where direction = 'in') as received,
           count(*) filter (where direction = 'out') as sent,
           count(*) filter (where direction = 'out' and status = 'failed') as failed,
           max(created_at) as "lastMessageAt"
    from whatsapp_messages where tenant_id = t.id and created_at >= now() - interval '1 hour') m on true
  where t.status <> 'deleted' and (?::uuid is null or t.id = ?::uuid)
  order by t.slug`;

async function overview(em: EntityManager, tenantId: string | null) {
  const rows = await em.execute<Record<string, unknown>[]>(OVERVIEW, [tenantId, tenantId]);
  return rows.map((row) => {
    const sent = Number(row.sent);
    const failed = Number(row.failed);
    return {
      slug: row.slug as string,
      displayName: row.displayName as string,
      status: row.status as string,
      timezone: row.timezone as string,
      users: Number(row.users),
      lastHour: { received: Number(row.received), sent, failed, errorRate: sent ? failed / sent : 0 },
      lastMessageAt: row.lastMessageAt ? new Date(row.lastMessageAt as string).toISOString() : null,
      ready: readyOf(row.integration as Record<string, unknown> | null),
    };
  });
}

export const tenantRoutes: Routes = (api, ctx) => {
  api.get(
    '/tenants',
    {
      schema: { tags: ['tenants'], summary: 'Every tenant you may see: volume, error rate, Ready condition' },
    },
    async (request) => {
      const principal = principalOf(request);
      // Tenant roles read through row-level security; platform admins read across tenants.
      const items = principal.tenantId
        ? await inTenant(ctx.orm, principal.tenantId, (em) => overview(em, principal.tenantId))
        : await overview(ctx.orm.em.fork(), null);
      return { items };
    },
  );

  api.get(
    '/tenants/:tenant',
    {
      schema: {
        tags: ['tenants'],
        summary: "One tenant: its integration (the CR's spec and conditions) and health",
        params: tenantParams,
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const health = await tenantHealth(ctx.orm, ctx.jsm, { id: tenant.id, slug: tenant.slug });
      return {
        slug: tenant.slug,
        displayName: tenant.displayName,
        status: tenant.status,
        timezone: tenant.timezone,
        unknownNumbers: tenant.unknownNumbers,
        createdAt: tenant.createdAt.toISOString(),
        integration: tenant.integration,
        ready: readyOf(tenant.integration ?? null),
        health,
      };
    },
  );

  api.get(
    '/tenants/:tenant/dashboard',
    {
      schema: {
        tags: ['tenants'],
        summary: 'The live dashboard: last minute per second, latency p50/p95, error rate, queue, health',
        params: tenantParams,
        querystring: z.object({ minutes: z.coerce.number().int().min(1).max(1440).default(15) }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const since = new Date(Date.now() - request.query.minutes * 60_000).toISOString();
      const [latency, health] = await Promise.all([
        inTenant(ctx.orm, tenant.id, async (em) => {
          const [row] = await em.execute<{ p50: number | null; p95: number | null; replies: string }[]>(
            `select percentile_cont(0.5) within group (order by ms) as p50,
                    percentile_cont(0.95) within group (order by ms) as p95, count(*) as replies
             from (select extract(epoch from (o.created_at - i.created_at)) * 1000 as ms
                   from whatsapp_messages o
                   join whatsapp_messages i on i.tenant_id = o.tenant_id and i.wamid = o.in_reply_to
                   where o.tenant_id = ? and o.direction = 'out' and o.created_at >= ?) replies`,
            [tenant.id, since],
          );
          return {
            p50Ms: row?.p50 == null ? null : Math.round(row.p50),
            p95Ms: row?.p95 == null ? null : Math.round(row.p95),
            replies: Number(row?.replies ?? 0),
          };
        }),
        tenantHealth(ctx.orm, ctx.jsm, { id: tenant.id, slug: tenant.slug }),
      ]);
      return { tenant: tenant.slug, latency, health, perSecond: ctx.live?.series(tenant.slug, 60) ?? [] };
    },
  );
};
