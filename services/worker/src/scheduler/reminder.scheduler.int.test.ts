import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Reminder,
  Task,
  Tenant,
  User,
  WhatsAppContact,
  WhatsAppMessage,
  createLogger,
  inTenant,
  openOrm,
  seedTenant,
  type MikroORM,
  type OutboundMessage,
} from '@taskline/core';
import { freshDatabase } from '../../../../test/support/services.ts';
import { claimDueReminders, startScheduler } from './reminder.scheduler.ts';
import { nextOccurrence } from './recurrence.ts';

describe('the reminder scheduler', () => {
  let replicaA: MikroORM;
  let replicaB: MikroORM;
  let tenant: Tenant;
  let ana: User;
  let rita: User;
  const now = new Date('2026-11-25T08:00:00Z');

  const remind = (user: User, title: string, at: Date, recurrence?: string) =>
    inTenant(replicaA, tenant.id, async (em) => {
      const task = em.create(Task, { tenant: tenant.id, owner: user.id, title });
      em.create(Reminder, {
        tenant: tenant.id,
        user: user.id,
        task: task.id,
        remindAt: at,
        recurrence: recurrence ?? null,
      });
      await em.flush();
      return task;
    });

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('scheduler');
    replicaA = await openOrm({ databaseUrl });
    replicaB = await openOrm({ databaseUrl });
    await seedTenant(replicaA, {
      tenant: 'acme',
      phoneNumberId: '1',
      users: [
        { name: 'Ana', phone: '+5511990000001' },
        { name: 'Rita', waUserId: 'PT.88231409655302749921' },
      ],
    });
    tenant = await replicaA.em.fork().findOneOrFail(Tenant, { slug: 'acme' });
    [ana, rita] = await inTenant(replicaA, tenant.id, async (em) => {
      const users = await em.find(User, {}, { orderBy: { displayName: 'asc' } });
      // Ana wrote an hour ago (inside the 24-hour window); Rita last wrote two days ago.
      for (const contact of await em.find(WhatsAppContact, {})) {
        contact.lastSeenAt = new Date(now.getTime() - (contact.phone ? 3600_000 : 48 * 3600_000));
      }
      return users as [User, User];
    });
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
  });

  it('sends each due reminder exactly once when two replicas tick at the same moment', async () => {
    for (let i = 0; i < 40; i++) await remind(ana, `due thing ${i}`, new Date(now.getTime() - 60_000));
    await remind(ana, 'not yet', new Date(now.getTime() + 3600_000));
    const [a, b] = await Promise.all([
      claimDueReminders(replicaA, tenant.id, now),
      claimDueReminders(replicaB, tenant.id, now),
    ]);
    const keys = [...a, ...b].map((m) => m.replyKey);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    expect(await claimDueReminders(replicaA, tenant.id, now)).toEqual([]);
    const rows = await inTenant(replicaA, tenant.id, (em) =>
      em.count(WhatsAppMessage, { replyKey: { $like: 'reminder:%' } }),
    );
    expect(rows).toBe(40);
    expect(a[0]?.content).toMatchObject({
      type: 'text',
      text: { body: expect.stringMatching(/^⏰ Reminder: \*due thing/) },
    });
    expect(a[0]?.to).toBe('5511990000001');
  });

  it('uses the tenant’s template outside the 24-hour window', async () => {
    const em = replicaA.em.fork();
    const t = await em.findOneOrFail(Tenant, { id: tenant.id });
    t.reminderTemplate = 'task_reminder';
    t.reminderTemplateLanguage = 'pt_BR';
    await em.flush();
    await remind(rita, 'pagar a renda', new Date(now.getTime() - 1000));
    const [message] = await claimDueReminders(replicaA, tenant.id, now);
    expect(message?.to).toBe('PT.88231409655302749921');
    expect(message?.content).toEqual({
      type: 'template',
      template: {
        name: 'task_reminder',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'pagar a renda' }] }],
      },
    });
  });

  it('sends nothing to a user who said stop, and nothing for a task already done', async () => {
    await remind(ana, 'already done', new Date(now.getTime() - 1000));
    await inTenant(replicaA, tenant.id, async (em) => {
      const task = await em.findOneOrFail(Task, { title: 'already done' });
      task.status = 'done';
    });
    await inTenant(replicaA, tenant.id, async (em) => {
      const user = await em.findOneOrFail(User, { id: rita.id });
      user.proactiveOptOut = true;
    });
    await remind(rita, 'opted out', new Date(now.getTime() - 1000));
    expect(await claimDueReminders(replicaA, tenant.id, now)).toEqual([]);
    const statuses = await inTenant(
      replicaA,
      tenant.id,
      async (em) =>
        (await em.find(Reminder, { task: { $ne: null } }, { populate: [] })).filter(
          (r) => r.status === 'cancelled',
        ).length,
    );
    expect(statuses).toBe(2);
  });

  it('re-arms a recurring reminder at its next occurrence in the user’s zone', async () => {
    await remind(ana, 'send the report', new Date(now.getTime() - 1000), 'weekly:1@09:00');
    const [message] = await claimDueReminders(replicaA, tenant.id, now);
    expect(message?.content).toMatchObject({ text: { body: expect.stringContaining('send the report') } });
    const reminder = await inTenant(replicaA, tenant.id, (em) =>
      em.findOneOrFail(Reminder, { recurrence: 'weekly:1@09:00' }),
    );
    expect(reminder.status).toBe('pending');
    // Wednesday 25 Nov -> Monday 30 Nov 09:00 UTC (the tenant's zone is UTC).
    expect(reminder.remindAt.toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });

  describe('running on its own', () => {
    let globex: Tenant;
    let gil: User;
    beforeAll(async () => {
      await seedTenant(replicaA, {
        tenant: 'globex',
        phoneNumberId: '2',
        users: [{ name: 'Gil', phone: '+5511990000009' }],
      });
      globex = await replicaA.em.fork().findOneOrFail(Tenant, { slug: 'globex' });
      gil = await inTenant(replicaA, globex.id, (em) => em.findOneOrFail(User, { tenant: globex.id }));
    });
    const remindGil = (title: string, at: Date) =>
      inTenant(replicaA, globex.id, async (em) => {
        const task = em.create(Task, { tenant: globex.id, owner: gil.id, title });
        em.create(Reminder, { tenant: globex.id, user: gil.id, task: task.id, remindAt: at });
        await em.flush();
      });
    /** A scheduler that is idle from the start and would sleep a minute when nothing is pending. */
    const idleScheduler = (sent: { title: string; at: number }[]) =>
      startScheduler(
        {
          orm: replicaB,
          tenant: globex,
          log: createLogger('scheduler-test', 'silent'),
          publish: (m: OutboundMessage) => {
            sent.push({ title: JSON.stringify(m.content), at: Date.now() });
            return Promise.resolve();
          },
        },
        { intervalMs: 50, idleAfterMs: 0, idleSleepMs: 60_000 },
      );
    const until = async (check: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };

    it('sleeps while idle until the next reminder is due, and sends it then', async () => {
      const sent: { title: string; at: number }[] = [];
      const due = Date.now() + 800;
      await remindGil('water the plants', new Date(due));
      const scheduler = idleScheduler(sent);
      await until(() => sent.length > 0, 3000);
      await scheduler.stop();
      expect(sent).toHaveLength(1);
      expect(sent[0]!.title).toContain('water the plants');
      expect(sent[0]!.at).toBeGreaterThanOrEqual(due);
      expect(sent[0]!.at - due).toBeLessThan(3000); // not the minute it sleeps when nothing is pending
    });

    it('is woken by a message, so a reminder that message created goes out at once', async () => {
      const sent: { title: string; at: number }[] = [];
      const scheduler = idleScheduler(sent);
      await new Promise((r) => setTimeout(r, 1500)); // asleep by now, for a minute: nothing is pending
      await remindGil('call the client', new Date());
      await new Promise((r) => setTimeout(r, 500));
      expect(sent).toEqual([]);
      scheduler.active();
      await until(() => sent.length > 0, 2000);
      await scheduler.stop();
      expect(sent.map((m) => m.title).join()).toContain('call the client');
    });

    it('stops at once when asked while it looks for the next reminder', async () => {
      await remindGil('renew the lease', new Date());
      let stopped: Promise<number> | undefined;
      const scheduler = startScheduler(
        {
          orm: replicaB,
          tenant: globex,
          log: createLogger('scheduler-test', 'silent'),
          // Asked to stop just after the tick, while the scheduler asks PostgreSQL when the next reminder is due.
          publish: () => {
            setTimeout(() => {
              const asked = Date.now();
              stopped = scheduler.stop().then(() => Date.now() - asked);
            }, 0);
            return Promise.resolve();
          },
        },
        { intervalMs: 50, idleAfterMs: 0, idleSleepMs: 60_000 },
      );
      await until(() => stopped !== undefined, 3000);
      expect(await stopped).toBeLessThan(5000); // not the minute it would sleep next
    });

    it('stops at once even while sleeping', async () => {
      const scheduler = idleScheduler([]);
      await new Promise((r) => setTimeout(r, 1000));
      const stopping = Date.now();
      await scheduler.stop();
      expect(Date.now() - stopping).toBeLessThan(1000);
    });
  });

  it('computes daily and weekly occurrences across a DST change', () => {
    expect(
      nextOccurrence('daily@08:00', new Date('2026-03-28T10:00:00Z'), 'Europe/Madrid').toISOString(),
    ).toBe('2026-03-29T06:00:00.000Z');
    expect(
      nextOccurrence('weekly:7@20:00', new Date('2026-11-24T10:00:00Z'), 'America/Sao_Paulo').toISOString(),
    ).toBe('2026-11-29T23:00:00.000Z');
  });
});
