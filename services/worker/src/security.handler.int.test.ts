import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import {
  SecurityAuditLog,
  Tenant,
  inTenant,
  openOrm,
  seedTenant,
  type MikroORM,
  type SecurityEvent,
} from '@taskline/core';
import { freshDatabase } from '../../../test/support/services.ts';
import { createWorkerMetrics } from './metrics.ts';
import { handleSecurityEvent } from './security.handler.ts';

describe('security reports of the webhook', () => {
  let orm: MikroORM;
  let tenant: Tenant;

  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('worker_security') });
    await seedTenant(orm, { tenant: 'acme', phoneNumberId: '1', users: [] });
    tenant = await orm.em.fork().findOneOrFail(Tenant, { slug: 'acme' });
  });
  afterAll(() => orm.close());

  it('audits each report once, however often it is delivered, and counts every failure', async () => {
    const registry = new Registry();
    const metrics = createWorkerMetrics(registry);
    const event: SecurityEvent = {
      v: 1,
      tenant: 'acme',
      kind: 'bad_signature',
      count: 7,
      firstAt: '2026-12-01T10:00:00.000Z',
      lastAt: '2026-12-01T10:00:09.000Z',
      sources: [
        { ip: '203.0.113.9', count: 6 },
        { ip: '198.51.100.1', count: 1 },
      ],
      reporter: 'webhook-0',
      window: 1764583200000,
    };
    expect(await handleSecurityEvent(event, { orm, tenant, metrics })).toBe('recorded');
    expect(await handleSecurityEvent(event, { orm, tenant, metrics })).toBe('duplicate');
    const entries = await inTenant(orm, tenant.id, (em) =>
      em.find(SecurityAuditLog, { action: 'webhook.bad_signature' }),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'webhook', outcome: 'denied', ip: '203.0.113.9' });
    expect(entries[0]!.details).toMatchObject({ count: 7 });
    expect(await registry.getSingleMetricAsString('taskline_suspicious_events_total')).toContain(
      'taskline_suspicious_events_total{kind="bad_signature"} 7',
    );
  });
});
