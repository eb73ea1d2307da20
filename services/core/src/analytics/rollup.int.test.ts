import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { inTenant, openOrm, type MikroORM } from '../db/orm.ts';
import {
  MessageAnalytics,
  PerformanceMetric,
  Tenant,
  User,
  WhatsAppContact,
  WhatsAppMessage,
} from '../db/entities.ts';
import { createTask } from '../tasks/task.service.ts';
import { rollupHour, rollupRecent } from './rollup.ts';
import { tenantHealth } from './health.ts';

/** The hourly rollup on known data: correct figures, the same row when run again, one tenant's rows only. */
const HOUR = new Date('2026-11-24T10:00:00Z');
const at = (minute: number, second = 0) => new Date(HOUR.getTime() + minute * 60_000 + second * 1000);

describe('analytics rollup', () => {
  let orm: MikroORM;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('rollup') });
    const em = orm.em.fork();
    acme = em.create(Tenant, { slug: 'acme', displayName: 'Acme' }).id;
    globex = em.create(Tenant, { slug: 'globex', displayName: 'Globex' }).id;
    await em.flush();
    await inTenant(orm, acme, async (tx) => {
      const users = ['+5511990000001', '+5511990000002', '+5511990000003'].map((phone, i) => {
        const user = tx.create(User, { tenant: acme, displayName: `user ${i}` });
        return { user, contact: tx.create(WhatsAppContact, { tenant: acme, user: user.id, phone }) };
      });
      // Four inbound messages from three people in the hour, answered after 1, 2, 3 and 10 seconds.
      const exchanges: [number, number, number, string][] = [
        [0, 5, 1, 'read'],
        [1, 10, 2, 'delivered'],
        [2, 20, 3, 'failed'],
        [0, 30, 10, 'read'],
      ];
      for (const [who, minute, delay, status] of exchanges) {
        const { contact } = users[who]!;
        const wamid = `wamid.in.${minute}`;
        tx.create(WhatsAppMessage, {
          tenant: acme,
          direction: 'in',
          wamid,
          peer: contact.phone!.slice(1),
          contact: contact.id,
          type: 'text',
          body: {},
          status: 'processed',
          statusHistory: [],
          createdAt: at(minute),
        });
        tx.create(WhatsAppMessage, {
          tenant: acme,
          direction: 'out',
          replyKey: `${wamid}:reply`,
          inReplyTo: wamid,
          peer: contact.phone!.slice(1),
          contact: contact.id,
          type: 'text',
          body: {},
          status: status as 'read',
          statusHistory: [],
          attempts: 1,
          createdAt: at(minute),
          sentAt: status === 'failed' ? null : at(minute, delay),
        });
      }
      // The hour before and the hour after do not count.
      tx.create(WhatsAppMessage, {
        tenant: acme,
        direction: 'in',
        wamid: 'wamid.before',
        peer: '5511990000001',
        type: 'text',
        body: {},
        status: 'processed',
        statusHistory: [],
        createdAt: new Date(HOUR.getTime() - 1000),
      });
      tx.create(WhatsAppMessage, {
        tenant: acme,
        direction: 'in',
        wamid: 'wamid.after',
        peer: '5511990000001',
        type: 'text',
        body: {},
        status: 'processed',
        statusHistory: [],
        createdAt: new Date(HOUR.getTime() + 3600_000),
      });
      await tx.flush();
      const task = await createTask(tx, { tenantId: acme, userId: users[0]!.user.id }, { title: 'pay rent' });
      await tx.execute('update tasks set created_at = ? where id = ?', [at(5).toISOString(), task.id]);
    });
  });

  afterAll(async () => {
    await orm?.close();
  });

  const read = (tenant: string) =>
    inTenant(orm, tenant, async (em) => ({
      rows: await em.find(MessageAnalytics, {}),
      metrics: Object.fromEntries((await em.find(PerformanceMetric, {})).map((m) => [m.metric, m.value])),
    }));

  it('counts the hour correctly', async () => {
    await inTenant(orm, acme, (em) => rollupHour(em, acme, HOUR));
    const { rows, metrics } = await read(acme);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      hour: HOUR,
      received: 4,
      sent: 3,
      delivered: 3,
      read: 2,
      failed: 1,
      activeUsers: 3,
      conversations: 3,
      medianResponseMs: 2000,
    });
    // p95 of 1, 2 and 10 s by linear interpolation: 2 + 0.9 * 8 = 9.2 s.
    expect(rows[0]!.p95ResponseMs).toBe(9200);
    expect(metrics).toMatchObject({
      tasks_created: 1,
      tasks_completed: 0,
      reminders_sent: 0,
      send_attempts: 4,
    });
  });

  it('gives the same row when the hour is rolled up again', async () => {
    const before = await read(acme);
    await inTenant(orm, acme, (em) => rollupHour(em, acme, HOUR));
    await rollupRecent(orm, acme, new Date(HOUR.getTime() + 30 * 60_000));
    const after = await read(acme);
    const sameHour = after.rows.filter((r) => r.hour.getTime() === HOUR.getTime());
    expect(sameHour).toHaveLength(1);
    expect({ ...sameHour[0], updatedAt: undefined }).toEqual({ ...before.rows[0], updatedAt: undefined });
  });

  it('keeps each tenant to its own figures', async () => {
    await rollupRecent(orm, globex, new Date(HOUR.getTime() + 30 * 60_000));
    const { rows } = await read(globex);
    expect(rows.every((r) => r.tenant === globex && r.received === 0)).toBe(true);
    const acmeSeen = await read(acme);
    expect(acmeSeen.rows.every((r) => r.tenant === acme)).toBe(true);
  });

  it("summarises a tenant's health from the last hour", async () => {
    const health = await tenantHealth(
      orm,
      undefined,
      { id: acme, slug: 'acme' },
      new Date(HOUR.getTime() + 40 * 60_000),
    );
    expect(health).toMatchObject({
      tenant: 'acme',
      status: 'failing',
      // The four of the hour and the one a second before it.
      lastHour: { received: 5, replies: 4, failed: 1, errorRate: 0.25 },
      queue: null,
    });
    expect(health.problems).toContain("25% of last hour's replies failed");
    expect(health.lastInboundAt).toBe(at(30).toISOString());
    const quiet = await tenantHealth(orm, undefined, { id: globex, slug: 'globex' });
    expect(quiet).toMatchObject({ status: 'healthy', problems: [], lastInboundAt: null });
  });
});
