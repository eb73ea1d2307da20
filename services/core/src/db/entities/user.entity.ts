import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/** A person of a tenant: owns tasks and projects, reached through one or more WhatsApp contacts. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    displayName: p.string().length(200),
    email: p.string().length(320).nullable(),
    /** IANA zone; falls back to the tenant's. */
    timezone: p.string().length(64).nullable(),
    language: p.string().length(8).nullable(),
    status: p.enum(['active', 'disabled'] as const).default('active'),
    /** The user said "stop": no reminders or digests until they opt in again. */
    proactiveOptOut: p.boolean().default(false),
    ...timestamps(),
  },
});
export class User extends UserSchema.class {}
UserSchema.setClass(User);
