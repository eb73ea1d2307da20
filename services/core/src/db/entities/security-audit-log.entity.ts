import { defineEntity, p } from '@mikro-orm/core';
import { uuidPrimaryKey } from './columns.ts';
import { tenantScoped } from './tenant-scope.ts';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Who did what to which target, from where, and how it ended. Written for every admin action and every security
 * event (sign-in failures, refusals, suspicious activity). Rows are never updated. A null tenant is a
 * platform-wide entry, visible to platform admins only (row-level security
 * hides it from every tenant transaction).
 */
export const SecurityAuditLogSchema = defineEntity({
  name: 'SecurityAuditLog',
  tableName: 'security_audit_logs',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenantId: p.uuid().nullable(),
    actorId: p.uuid().nullable(),
    /** The actor as people read it: an email, `system`, or `whatsapp:<pseudonym>`. */
    actor: p.string().length(320),
    action: p.string().length(64),
    target: p.string().length(300).nullable(),
    outcome: p.enum(AUDIT_OUTCOMES),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(500).nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['tenantId', 'createdAt'] }, { properties: ['createdAt'] }],
});
export class SecurityAuditLog extends SecurityAuditLogSchema.class {}
SecurityAuditLogSchema.setClass(SecurityAuditLog);
