import type { FastifyRequest } from 'fastify';
import { SecurityAuditLog, type AuditOutcome, type MikroORM } from '@taskline/core';
import type { Principal } from './auth/principal.ts';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  tenantId?: string | null;
  target?: string;
  details?: Record<string, unknown>;
  /** Who acted, when not the signed-in principal (a failed sign-in names the email tried). */
  actor?: string;
}

/**
 * Writes one security_audit_logs row: who (the principal, or the email tried), what, which target, from where,
 * and how it ended. Written outside the action's transaction, so a refused or failed action is recorded too.
 */
export async function audit(
  orm: MikroORM,
  request: FastifyRequest,
  principal: Principal | undefined,
  entry: AuditEntry,
): Promise<void> {
  const em = orm.em.fork();
  em.create(SecurityAuditLog, {
    tenantId: entry.tenantId ?? principal?.tenantId ?? null,
    actorId: principal?.accountId ?? null,
    actor: (entry.actor ?? principal?.email ?? 'anonymous').slice(0, 320),
    action: entry.action,
    target: entry.target?.slice(0, 300) ?? null,
    outcome: entry.outcome,
    ip: request.ip.slice(0, 64),
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
    details: entry.details ?? null,
  });
  await em.flush();
}
