import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';

export const ADMIN_ROLES = ['platform-admin', 'tenant-admin', 'tenant-viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/**
 * A person who signs in to the console (DESIGN.md §8). A platform admin sees every tenant and has no tenant; a
 * tenant admin or viewer belongs to exactly one. Local accounts carry a scrypt hash; OpenID Connect accounts are
 * matched by issuer + subject and may have no password at all.
 */
export const AdminAccountSchema = defineEntity({
  name: 'AdminAccount',
  tableName: 'admin_accounts',
  properties: {
    ...uuidPrimaryKey(),
    /** Stored lower-cased: sign-in is case-insensitive. */
    email: p.string().length(320).unique(),
    displayName: p.string().length(200),
    role: p.enum(ADMIN_ROLES),
    tenant: () => p.manyToOne(Tenant).mapToPk().nullable().deleteRule('cascade'),
    passwordHash: p.string().length(255).nullable(),
    oidcIssuer: p.string().length(500).nullable(),
    oidcSubject: p.string().length(255).nullable(),
    status: p.enum(['active', 'disabled'] as const).default('active'),
    /** Consecutive failed sign-ins; reset by a successful one. */
    failedLogins: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['oidcIssuer', 'oidcSubject'] }],
  checks: [
    {
      name: 'admin_accounts_tenant_check',
      expression: "(role = 'platform-admin') = (tenant_id is null)",
    },
  ],
});
export class AdminAccount extends AdminAccountSchema.class {}
AdminAccountSchema.setClass(AdminAccount);
