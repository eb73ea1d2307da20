import { z } from 'zod';
import { AppError, discardDeadLetters, listDeadLetters, replayDeadLetters } from '@taskline/core';
import { audit } from '../audit.ts';
import { principalOf, tenantFor } from '../context.ts';
import { tenantParams, type Routes } from './types.ts';

const seqs = z.object({ seqs: z.array(z.number().int().min(1)).min(1).max(1000) });

/** The tenant's dead letters (messages the worker gave up on): list, replay after a fix, or discard. */
export const deadLetterRoutes: Routes = (api, ctx) => {
  const nats = () => {
    if (!ctx.nc || !ctx.jsm) throw new AppError('DEPENDENCY_UNAVAILABLE', 'NATS is not connected');
    return { nc: ctx.nc, jsm: ctx.jsm };
  };

  api.get(
    '/tenants/:tenant/dead-letters',
    {
      schema: {
        tags: ['dead letters'],
        summary: 'Messages a consumer gave up on after its maximum deliveries, with the reason',
        params: tenantParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const items = await listDeadLetters(nats().nc, tenant.slug, request.query.limit).catch(
        (error: unknown) => {
          throw new AppError(
            'DEPENDENCY_UNAVAILABLE',
            `the tenant's stream could not be read: ${(error as Error).message}`,
          );
        },
      );
      return { items };
    },
  );

  for (const action of ['replay', 'discard'] as const) {
    api.post(
      `/tenants/:tenant/dead-letters/${action}`,
      {
        schema: {
          tags: ['dead letters'],
          summary:
            action === 'replay'
              ? 'Put dead letters back on their subject for the worker to try again'
              : 'Remove dead letters for good',
          params: tenantParams,
          body: seqs,
        },
      },
      async (request) => {
        const tenant = await tenantFor(ctx, request, 'write');
        const { nc, jsm } = nats();
        const result =
          action === 'replay'
            ? await replayDeadLetters(nc, jsm, tenant.slug, request.body.seqs)
            : await discardDeadLetters(jsm, tenant.slug, request.body.seqs);
        await audit(ctx.orm, request, principalOf(request), {
          action: `dead-letter.${action}`,
          outcome: 'success',
          tenantId: tenant.id,
          target: `tenant:${tenant.slug}`,
          details: result,
        });
        return result;
      },
    );
  }
};
