import { z } from 'zod';
import { ADMIN_ROLES, AdminAccount, AdminSession, AppError, Tenant } from '@taskline/core';
import { audit } from '../audit.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import type { Principal } from '../auth/principal.ts';
import { principalOf } from '../context.ts';
import type { Routes } from './types.ts';

const password = z.string().superRefine((value, issue) => {
  const problem = passwordProblem(value);
  if (problem) issue.addIssue({ code: 'custom', message: problem });
});

const newAccount = z.object({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ADMIN_ROLES),
  tenant: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .optional()
    .describe('required unless role is platform-admin'),
  password,
});

const accountChange = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ADMIN_ROLES).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  password: password.optional(),
});

/** Platform admins manage every account; tenant admins the accounts of their tenant; viewers none. */
function assertManager(principal: Principal): void {
  if (principal.role === 'tenant-viewer') throw new AppError('FORBIDDEN', 'viewers cannot manage accounts');
}

export const accountRoutes: Routes = (api, ctx) => {
  api.get(
    '/accounts',
    { schema: { tags: ['accounts'], summary: 'Console accounts you may manage' } },
    async (request) => {
      const principal = principalOf(request);
      assertManager(principal);
      const rows = await ctx.orm.em.getConnection().execute<Record<string, unknown>[]>(
        `select a.id, a.email, a.display_name as "displayName", a.role, t.slug as tenant, a.status,
                a.last_login_at as "lastLoginAt", a.locked_until as "lockedUntil",
                a.oidc_subject is not null as "oidc"
         from admin_accounts a left join tenants t on t.id = a.tenant_id
         where (?::uuid is null or a.tenant_id = ?::uuid) order by a.email limit 1000`,
        [principal.tenantId, principal.tenantId],
      );
      return { items: rows };
    },
  );

  api.post(
    '/accounts',
    { schema: { tags: ['accounts'], summary: 'Create a console account', body: newAccount } },
    async (request, reply) => {
      const principal = principalOf(request);
      assertManager(principal);
      const input = request.body;
      const em = ctx.orm.em.fork();
      let tenantId: string | null = null;
      if (input.role === 'platform-admin') {
        if (principal.role !== 'platform-admin')
          throw new AppError('FORBIDDEN', 'only platform admins may create platform admins');
      } else {
        const slug = input.tenant ?? principal.tenantSlug;
        if (!slug) throw new AppError('BAD_REQUEST', 'tenant: required for tenant roles');
        if (principal.role !== 'platform-admin' && slug !== principal.tenantSlug)
          throw new AppError('FORBIDDEN', 'your account has no access to this tenant');
        const tenant = await em.findOne(Tenant, { slug });
        if (!tenant) throw new AppError('BAD_REQUEST', `tenant: no tenant "${slug}"`);
        tenantId = tenant.id;
      }
      const email = input.email.toLowerCase();
      if (await em.findOne(AdminAccount, { email })) {
        throw new AppError('CONFLICT', `an account with email ${email} already exists`);
      }
      const account = em.create(AdminAccount, {
        email,
        displayName: input.displayName,
        role: input.role,
        tenant: tenantId,
        passwordHash: await hashPassword(input.password),
      });
      await em.flush();
      await audit(ctx.orm, request, principal, {
        action: 'account.create',
        outcome: 'success',
        tenantId,
        target: `account:${email}`,
        details: { role: input.role },
      });
      return reply
        .code(201)
        .send({ id: account.id, email, role: account.role, tenant: input.tenant ?? null });
    },
  );

  api.patch(
    '/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change, disable or re-enable an account',
        params: z.object({ id: z.uuid() }),
        body: accountChange,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      assertManager(principal);
      const em = ctx.orm.em.fork();
      const account = await em.findOne(AdminAccount, { id: request.params.id });
      if (!account || (principal.role !== 'platform-admin' && account.tenant !== principal.tenantId)) {
        throw new AppError('NOT_FOUND', 'no such account');
      }
      const change = request.body;
      if (change.role === 'platform-admin' && principal.role !== 'platform-admin')
        throw new AppError('FORBIDDEN', 'only platform admins may grant platform-admin');
      if ((change.role === 'platform-admin') !== (account.role === 'platform-admin') && change.role)
        throw new AppError(
          'BAD_REQUEST',
          'role: platform and tenant roles cannot be swapped; create a new account',
        );
      if (account.id === principal.accountId && change.status === 'disabled')
        throw new AppError('BAD_REQUEST', 'status: you cannot disable your own account');
      if (change.displayName) account.displayName = change.displayName;
      if (change.role) account.role = change.role;
      if (change.status) account.status = change.status;
      if (change.status === 'active') account.lockedUntil = null;
      if (change.password) account.passwordHash = await hashPassword(change.password);
      await em.flush();
      if (change.status === 'disabled' || change.password) {
        await em.nativeDelete(AdminSession, { account: account.id });
      }
      await audit(ctx.orm, request, principal, {
        action: 'account.update',
        outcome: 'success',
        tenantId: account.tenant ?? null,
        target: `account:${account.email}`,
        details: {
          fields: Object.keys(change).filter((key) => key !== 'password'),
          password: Boolean(change.password),
        },
      });
      return { id: account.id, email: account.email, role: account.role, status: account.status };
    },
  );
};
