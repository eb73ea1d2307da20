import { z } from 'zod';
import { eraseUserData, exportUserData } from '@taskline/core';
import { audit } from '../audit.ts';
import { principalOf, tenantFor } from '../context.ts';
import { tenantParams, type Routes } from './types.ts';

const params = tenantParams.extend({ user: z.uuid() });

/** Data-subject requests: everything held about one user, as JSON; and its erasure. Tenant admins only. */
export const privacyRoutes: Routes = (api, ctx) => {
  api.get(
    '/tenants/:tenant/users/:user/export',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Everything held about one user (GDPR-style access), as JSON',
        params,
      },
    },
    async (request, reply) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const data = await exportUserData(ctx.orm, tenant.id, request.params.user);
      await audit(ctx.orm, request, principalOf(request), {
        action: 'privacy.export',
        outcome: 'success',
        tenantId: tenant.id,
        target: `user:${request.params.user}`,
      });
      return reply
        .header('content-disposition', `attachment; filename="user-${request.params.user}.json"`)
        .send(data);
    },
  );

  api.post(
    '/tenants/:tenant/users/:user/erase',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Erase one user: mappings, tasks, projects, reminders, messages, assistant memory (cannot be undone)',
        params,
        body: z.object({ confirm: z.literal(true, 'confirm must be true: erasing cannot be undone') }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const report = await eraseUserData(ctx.orm, tenant.id, request.params.user);
      await audit(ctx.orm, request, principalOf(request), {
        action: 'privacy.erase',
        outcome: 'success',
        tenantId: tenant.id,
        target: `user:${request.params.user}`,
        details: { ...report },
      });
      return { erased: request.params.user, ...report };
    },
  );
};
