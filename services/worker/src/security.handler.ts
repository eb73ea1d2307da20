import {
  SecurityAuditLog,
  inTenant,
  msgIds,
  type MikroORM,
  type SecurityEvent,
  type Tenant,
} from '@taskline/core';
import type { WorkerMetrics } from './metrics.ts';

/**
 * Writes a security report of the webhook (signature failures summed over a window) to the tenant's audit log,
 * once: the report's id is the entry's target, so a redelivery finds it and stops.
 */
export async function handleSecurityEvent(
  event: SecurityEvent,
  deps: { orm: MikroORM; tenant: Tenant; metrics?: WorkerMetrics },
): Promise<'recorded' | 'duplicate'> {
  const target = msgIds.security(event);
  const recorded = await inTenant(deps.orm, deps.tenant.id, async (em) => {
    if (
      await em.count(SecurityAuditLog, { tenantId: deps.tenant.id, action: 'webhook.bad_signature', target })
    ) {
      return false;
    }
    em.create(SecurityAuditLog, {
      tenantId: deps.tenant.id,
      actor: 'webhook',
      action: 'webhook.bad_signature',
      target,
      outcome: 'denied',
      ip: event.sources[0]?.ip ?? null,
      details: { count: event.count, firstAt: event.firstAt, lastAt: event.lastAt, sources: event.sources },
    });
    await em.flush();
    return true;
  });
  if (recorded) deps.metrics?.suspicious.inc({ kind: 'bad_signature' }, event.count);
  return recorded ? 'recorded' : 'duplicate';
}
