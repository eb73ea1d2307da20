import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';

/** A business using Taskline. The registry of tenants; not itself tenant-scoped. */
export const TenantSchema = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  properties: {
    ...uuidPrimaryKey(),
    slug: p.string().length(63).unique(),
    displayName: p.string().length(200),
    /** What happens when a number with no user mapping writes: a polite refusal, or a new user. */
    unknownNumbers: p.enum(['reject', 'onboard'] as const).default('reject'),
    timezone: p.string().length(64).default('UTC'),
    /** The approved utility template for proactive messages outside the 24-hour window, and its language. */
    reminderTemplate: p.string().length(512).nullable(),
    reminderTemplateLanguage: p.string().length(16).nullable(),
    status: p.enum(['active', 'suspended', 'deleted'] as const).default('active'),
    /** Days a deleted tenant's data is kept before it is purged. */
    retentionDays: p.integer().default(90),
    ...timestamps(),
    deletedAt: p.datetime().nullable(),
    /** The WhatsAppIntegration's spec and status as the operator last reported them (read-only in the console). */
    integration: p.json<Record<string, unknown>>().nullable(),
  },
});
export class Tenant extends TenantSchema.class {}
TenantSchema.setClass(Tenant);
