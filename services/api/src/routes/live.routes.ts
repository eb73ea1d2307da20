import { z } from 'zod';
import { AppError, CONSUMERS, Tenant, databaseReachable, streamName } from '@taskline/core';
import { mayAccess } from '../auth/principal.ts';
import { principalOf } from '../context.ts';
import type { Routes } from './types.ts';

const HEARTBEAT_MS = 15_000;

export const liveRoutes: Routes = (api, ctx) => {
  api.get(
    '/events',
    {
      schema: {
        tags: ['live'],
        summary: 'Server-Sent Events: a `tick` each second with the messages of the second that ended',
        querystring: z.object({
          tenant: z
            .string()
            .regex(/^[a-z0-9-]{1,63}$/)
            .optional(),
        }),
      },
    },
    (request, reply) => {
      const principal = principalOf(request);
      const tenant = request.query.tenant ?? principal.tenantSlug ?? undefined;
      if (tenant && !mayAccess(principal, tenant, 'read')) {
        throw new AppError('FORBIDDEN', 'your account has no access to this tenant');
      }
      if (!tenant && principal.role !== 'platform-admin')
        throw new AppError('BAD_REQUEST', 'tenant: required');
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (event: string, data: unknown) =>
        out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('hello', { tenant: tenant ?? null, series: ctx.live?.series(tenant, 60) ?? [] });
      const stop = ctx.live?.onTick(() => {
        const [second] = ctx.live!.series(tenant, 1);
        send('tick', { tenant: tenant ?? null, ...second });
      });
      const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        stop?.();
        clearInterval(heartbeat);
      });
    },
  );

  api.get(
    '/health',
    {
      schema: {
        tags: ['live'],
        summary: 'Health of every component: API, PostgreSQL, NATS, each tenant stream',
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const components: { name: string; status: 'up' | 'down' | 'degraded'; detail?: string }[] = [
        { name: 'api', status: 'up' },
      ];
      const postgres = await databaseReachable(ctx.orm).catch(() => false);
      components.push({ name: 'postgres', status: postgres ? 'up' : 'down' });
      const nats = ctx.jsm
        ? await ctx.jsm.getAccountInfo().then(
            () => true,
            () => false,
          )
        : false;
      components.push({
        name: 'nats',
        status: nats ? 'up' : 'down',
        ...(ctx.jsm ? {} : { detail: 'not connected' }),
      });
      if (postgres && nats && ctx.jsm) {
        const tenants = await ctx.orm.em
          .fork()
          .find(
            Tenant,
            { status: { $ne: 'deleted' }, ...(principal.tenantId ? { id: principal.tenantId } : {}) },
            { orderBy: { slug: 'asc' }, limit: 200 },
          );
        for (const tenant of tenants) {
          const name = `stream ${tenant.slug}`;
          try {
            const worker = await ctx.jsm.consumers.info(streamName(tenant.slug), CONSUMERS.worker);
            const sender = await ctx.jsm.consumers.info(streamName(tenant.slug), CONSUMERS.sender);
            const pending = worker.num_pending + sender.num_pending;
            components.push({
              name,
              status: pending > 100 ? 'degraded' : 'up',
              detail: `${pending} waiting, ${worker.num_ack_pending + sender.num_ack_pending} in flight`,
            });
          } catch {
            components.push({ name, status: 'down', detail: 'stream or consumers missing' });
          }
        }
      }
      const status = components.every((c) => c.status === 'up')
        ? 'up'
        : components.some((c) => c.status === 'down')
          ? 'down'
          : 'degraded';
      return { status, components };
    },
  );
};
