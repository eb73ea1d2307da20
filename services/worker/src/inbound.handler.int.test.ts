import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  SecurityAuditLog,
  pseudonym,
  Task,
  Tenant,
  WhatsAppContact,
  WhatsAppMessage,
  inTenant,
  openOrm,
  seedTenant,
  type InboundEvent,
  type MikroORM,
  type StatusEvent,
} from '@taskline/core';
import { freshDatabase } from '../../../test/support/services.ts';
import { Assistant, chooseModel, understand } from '@taskline/assistant';
import { TenantInboundRate } from './tenant-inbound-rate.ts';
import { handleInbound } from './inbound.handler.ts';
import { handleStatus, statusBatch } from './status.handler.ts';
import { TransactionBatch } from './transaction-batch.ts';

const PHONE_NUMBER_ID = '106540352242922';
let counter = 0;
const inbound = (overrides: Partial<InboundEvent> = {}): InboundEvent => ({
  v: 1,
  tenant: 'acme',
  phoneNumberId: PHONE_NUMBER_ID,
  wamid: `wamid.test-${++counter}`,
  from: '5511990000001',
  profileName: 'Ana Souza',
  timestamp: 1764000000,
  type: 'text',
  text: 'Create a task to review the quarterly reports',
  receivedAt: new Date().toISOString(),
  message: {},
  ...overrides,
});

describe('handleInbound', () => {
  let orm: MikroORM;
  let tenant: Tenant;
  const assistant = new Assistant({ model: chooseModel({}), understand });
  const deps = () => ({ orm, tenant, phoneNumberId: PHONE_NUMBER_ID, assistant });
  const tasks = () => inTenant(orm, tenant.id, (em) => em.find(Task, {}, { orderBy: { createdAt: 'asc' } }));
  const messages = (wamid: string) =>
    inTenant(orm, tenant.id, (em) => em.find(WhatsAppMessage, { $or: [{ wamid }, { inReplyTo: wamid }] }));

  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('worker_inbound') });
    await seedTenant(orm, {
      tenant: 'acme',
      displayName: 'Acme',
      phoneNumberId: PHONE_NUMBER_ID,
      users: [
        { name: 'Ana Souza', phone: '+5511990000001' },
        { name: 'Rita', waUserId: 'PT.88231409655302749921' },
      ],
    });
    tenant = await orm.em.fork().findOneOrFail(Tenant, { slug: 'acme' });
  });
  afterAll(async () => {
    await orm?.close();
  });

  it('creates the task and queues exactly one reply for a mapped sender', async () => {
    const event = inbound();
    const result = await handleInbound(event, deps());
    expect(result).toMatchObject({ kind: 'replied', duplicate: false });
    expect(result.kind === 'replied' && result.outbound).toHaveLength(1);
    const [reply] = result.kind === 'replied' ? result.outbound : [];
    expect(reply).toMatchObject({
      to: '5511990000001',
      replyKey: `${event.wamid}:reply`,
      inReplyTo: event.wamid,
    });
    expect(reply?.content).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: expect.stringContaining('review the quarterly reports') },
        action: { buttons: [{ reply: { title: 'Mark done', id: expect.stringMatching(/^act:complete:/) } }] },
      },
    });
    expect((await tasks()).map((t) => t.title)).toContain('review the quarterly reports');
    const rows = await messages(event.wamid);
    expect(rows.map((r) => `${r.direction}:${r.status}`).sort()).toEqual(['in:processed', 'out:queued']);
  });

  it('changes nothing when the same wamid arrives again, and hands back the reply still to send', async () => {
    const event = inbound({ text: 'Create a task to call the bank' });
    await handleInbound(event, deps());
    const before = (await tasks()).length;
    const again = await handleInbound(event, deps());
    expect(again).toMatchObject({ kind: 'replied', duplicate: true });
    expect(again.kind === 'replied' && again.outbound.map((o) => o.replyKey)).toEqual([
      `${event.wamid}:reply`,
    ]);
    expect((await tasks()).length).toBe(before);
    expect(await messages(event.wamid)).toHaveLength(2);
  });

  it('handles concurrent deliveries of one wamid as one message', async () => {
    const event = inbound({ text: 'Create a task to water the plants' });
    const results = await Promise.all([1, 2, 3].map(() => handleInbound(event, deps())));
    expect(results.filter((r) => r.kind === 'replied' && !r.duplicate)).toHaveLength(1);
    expect((await tasks()).filter((t) => t.title === 'water the plants')).toHaveLength(1);
  });

  it('asks before deleting and deletes when the user taps the button', async () => {
    await handleInbound(inbound({ text: 'Create a task to cancel the gym membership' }), deps());
    const asked = await handleInbound(inbound({ text: 'delete the gym membership task' }), deps());
    const question = asked.kind === 'replied' ? asked.outbound[0]?.content : undefined;
    expect(question).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Delete *cancel the gym membership*? This can’t be undone.' },
      },
    });
    expect((await tasks()).map((t) => t.title)).toContain('cancel the gym membership');
    const buttons =
      question?.type === 'interactive' && question.interactive.type === 'button'
        ? question.interactive.action.buttons
        : [];
    const [yes, keep] = buttons.map((b) => b.reply);
    const tap = (reply: { id: string; title: string }) =>
      handleInbound(inbound({ type: 'interactive', text: undefined, reply }), deps());
    const kept = await tap(keep!);
    expect(kept.kind === 'replied' && kept.outbound[0]?.content).toMatchObject({
      text: { body: '👍 Kept *cancel the gym membership*.' },
    });
    const gone = await tap(yes!);
    expect(gone.kind === 'replied' && gone.outbound[0]?.content).toMatchObject({
      text: { body: '🗑️ Deleted *cancel the gym membership*.' },
    });
    expect((await tasks()).map((t) => t.title)).not.toContain('cancel the gym membership');
  });

  it('completes from the "Mark done" button and undoes from "Undo"', async () => {
    const created = await handleInbound(inbound({ text: 'add a task to book the venue' }), deps());
    const content = created.kind === 'replied' ? created.outbound[0]?.content : undefined;
    const done =
      content?.type === 'interactive' && content.interactive.type === 'button'
        ? content.interactive.action.buttons[0]!.reply
        : undefined;
    const tapped = await handleInbound(
      inbound({ type: 'interactive', text: undefined, reply: done! }),
      deps(),
    );
    expect((await tasks()).find((t) => t.title === 'book the venue')?.status).toBe('done');
    const undoContent = tapped.kind === 'replied' ? tapped.outbound[0]?.content : undefined;
    const undo =
      undoContent?.type === 'interactive' && undoContent.interactive.type === 'button'
        ? undoContent.interactive.action.buttons[0]!.reply
        : undefined;
    expect(undo?.title).toBe('Undo');
    await handleInbound(inbound({ type: 'interactive', text: undefined, reply: undo! }), deps());
    expect((await tasks()).find((t) => t.title === 'book the venue')?.status).toBe('open');
  });

  it('offers a list to choose from when a reference matches several tasks', async () => {
    await handleInbound(inbound({ text: 'add a task to ring the plumber' }), deps());
    await handleInbound(inbound({ text: 'add a task to ring the electrician' }), deps());
    const asked = await handleInbound(inbound({ text: 'mark ring as done' }), deps());
    const content = asked.kind === 'replied' ? asked.outbound[0]?.content : undefined;
    expect(content).toMatchObject({
      type: 'interactive',
      interactive: { type: 'list', action: { button: 'Choose' } },
    });
    const rows =
      content?.type === 'interactive' && content.interactive.type === 'list'
        ? content.interactive.action.sections[0]!.rows
        : [];
    expect(rows.map((r) => r.title).sort()).toEqual(['ring the electrician', 'ring the plumber']);
    const plumber = rows.find((r) => r.title === 'ring the plumber')!;
    await handleInbound(
      inbound({ type: 'interactive', text: undefined, reply: { id: plumber.id, title: plumber.title } }),
      deps(),
    );
    expect((await tasks()).find((t) => t.title === 'ring the plumber')?.status).toBe('done');
    expect((await tasks()).find((t) => t.title === 'ring the electrician')?.status).toBe('open');
  });

  it('answers an unknown number politely and does nothing else', async () => {
    const before = (await tasks()).length;
    const event = inbound({ from: '4915112345678', profileName: 'Stranger' });
    const result = await handleInbound(event, deps());
    const reply = result.kind === 'replied' ? result.outbound[0] : undefined;
    expect(reply?.content).toMatchObject({ text: { body: expect.stringContaining("isn't linked") } });
    expect((await tasks()).length).toBe(before);
    const contacts = await inTenant(orm, tenant.id, (em) =>
      em.find(WhatsAppContact, { phone: '+4915112345678' }),
    );
    expect(contacts).toEqual([]);
  });

  it('recognises a username user by business-scoped user id when no phone number is sent', async () => {
    const event = inbound({
      from: undefined,
      userId: 'PT.88231409655302749921',
      text: 'create a task to pay the rent',
    });
    const result = await handleInbound(event, deps());
    const reply = result.kind === 'replied' ? result.outbound[0] : undefined;
    expect(reply?.to).toBe('PT.88231409655302749921');
    expect(reply?.content).toMatchObject({
      interactive: { body: { text: expect.stringContaining('pay the rent') } },
    });
  });

  it('learns the user id of a contact first mapped by phone', async () => {
    await handleInbound(inbound({ userId: 'BR.1234567890', text: 'hello' }), deps());
    const contact = await inTenant(orm, tenant.id, (em) =>
      em.findOneOrFail(WhatsAppContact, { phone: '+5511990000001' }),
    );
    expect(contact.waUserId).toBe('BR.1234567890');
  });

  it("replies politely, in the language of the phone's country, to message types it cannot read yet", async () => {
    const result = await handleInbound(inbound({ type: 'audio', text: undefined }), deps());
    const reply = result.kind === 'replied' ? result.outbound[0] : undefined;
    expect(reply?.content).toMatchObject({ text: { body: expect.stringContaining('mensagens de voz') } });
  });

  it('ignores messages addressed to another business number', async () => {
    const result = await handleInbound(inbound({ phoneNumberId: '999' }), deps());
    expect(result.kind).toBe('ignored');
  });

  it('applies delivery statuses as a monotonic state machine and keeps their history', async () => {
    const event = inbound({ text: 'list my tasks' });
    await handleInbound(event, deps());
    await inTenant(orm, tenant.id, async (em) => {
      const reply = await em.findOneOrFail(WhatsAppMessage, { inReplyTo: event.wamid });
      reply.wamid = 'wamid.out-1';
      reply.status = 'accepted';
    });
    const status = (s: StatusEvent['status']): StatusEvent => ({
      v: 1,
      tenant: 'acme',
      phoneNumberId: PHONE_NUMBER_ID,
      wamid: 'wamid.out-1',
      status: s,
      timestamp: 1764000100,
      receivedAt: new Date().toISOString(),
    });
    for (const s of ['read', 'delivered', 'sent', 'read'] as const) {
      expect(await handleStatus(status(s), { orm, tenant }, 1)).toEqual({ kind: 'done' });
    }
    const row = await inTenant(orm, tenant.id, (em) =>
      em.findOneOrFail(WhatsAppMessage, { wamid: 'wamid.out-1' }),
    );
    expect(row.status).toBe('read');
    expect(row.statusHistory.map((h) => h.status)).toEqual(['queued', 'read', 'delivered', 'sent']);
  });

  it('keeps a failed status with its error, and lets a later delivered from another device win', async () => {
    const event = inbound({ text: 'list my tasks' });
    await handleInbound(event, deps());
    await inTenant(orm, tenant.id, async (em) => {
      const reply = await em.findOneOrFail(WhatsAppMessage, { inReplyTo: event.wamid });
      reply.wamid = 'wamid.out-2';
      reply.status = 'accepted';
    });
    const status = (s: StatusEvent['status'], errors?: StatusEvent['errors']): StatusEvent => ({
      v: 1,
      tenant: 'acme',
      phoneNumberId: PHONE_NUMBER_ID,
      wamid: 'wamid.out-2',
      status: s,
      timestamp: 1764000200,
      receivedAt: new Date().toISOString(),
      ...(errors ? { errors } : {}),
    });
    const undeliverable = [{ code: 131026, title: 'Message undeliverable', details: 'not on WhatsApp' }];
    await handleStatus(status('failed', undeliverable), { orm, tenant }, 1);
    const failed = await inTenant(orm, tenant.id, (em) =>
      em.findOneOrFail(WhatsAppMessage, { wamid: 'wamid.out-2' }),
    );
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 131026,
      message: 'Message undeliverable',
      details: 'not on WhatsApp',
    });
    expect(failed.statusHistory.at(-1)).toEqual({
      status: 'failed',
      at: new Date(1764000200_000).toISOString(),
      error: undeliverable[0],
    });
    await handleStatus(status('delivered'), { orm, tenant }, 1);
    await handleStatus(status('failed', undeliverable), { orm, tenant }, 1);
    const delivered = await inTenant(orm, tenant.id, (em) =>
      em.findOneOrFail(WhatsAppMessage, { wamid: 'wamid.out-2' }),
    );
    expect(delivered.status).toBe('delivered');
    expect(delivered.error?.code).toBe(131026);
    expect(delivered.statusHistory.map((h) => h.status)).toEqual(['queued', 'failed', 'delivered']);
  });

  it('applies statuses that arrive together in one transaction, and sorts out duplicates and unknown ones alone', async () => {
    const wamids = ['wamid.batch-1', 'wamid.batch-2', 'wamid.batch-3'];
    await inTenant(orm, tenant.id, (em) => {
      for (const wamid of wamids) {
        em.create(WhatsAppMessage, {
          tenant: tenant.id,
          direction: 'out',
          wamid,
          replyKey: `${wamid}:reply`,
          peer: '5511990000001',
          type: 'text',
          body: { type: 'text', text: 'ok' },
          status: 'sent',
          statusHistory: [
            { status: 'queued', at: new Date().toISOString() },
            { status: 'sent', at: new Date().toISOString() },
          ],
        });
      }
      return em.flush();
    });
    const status = (wamid: string, s: StatusEvent['status']): StatusEvent => ({
      v: 1,
      tenant: 'acme',
      phoneNumberId: PHONE_NUMBER_ID,
      wamid,
      status: s,
      timestamp: 1764000300,
      receivedAt: new Date().toISOString(),
    });
    const batch = statusBatch(orm, tenant.id);
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const outcomes = await Promise.all(
        [
          status('wamid.batch-1', 'delivered'),
          status('wamid.batch-2', 'read'),
          status('wamid.batch-3', 'delivered'),
          status('wamid.batch-3', 'sent'), // a duplicate
          status('wamid.batch-unknown', 'sent'), // not recorded (yet)
        ].map((event) => handleStatus(event, { orm, tenant, statusBatch: batch }, 1)),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(['done', 'done', 'done', 'done', 'retry']);
      // One commit for the four updates together, one for each of the two the slow path looked at.
      expect(sent.mock.calls.filter(([text]) => text === 'commit')).toHaveLength(3);
    } finally {
      sent.mockRestore();
    }
    const rows = await inTenant(orm, tenant.id, (em) =>
      em.find(WhatsAppMessage, { wamid: { $in: wamids } }, { orderBy: { wamid: 'asc' } }),
    );
    expect(rows.map((r) => [r.status, r.statusHistory.map((h) => h.status).join(',')])).toEqual([
      ['delivered', 'queued,sent,delivered'],
      ['read', 'queued,sent,read'],
      ['delivered', 'queued,sent,delivered'],
    ]);
  });

  it('runs each statement of a group alone when the group fails, so one bad event fails only itself', async () => {
    const batch = new TransactionBatch(orm, tenant.id, async (em, name: string) => {
      const [row] = await em.execute<{ n: number }[]>(`select 1 / ${name === 'bad' ? 0 : 1} as n`);
      return `${name}:${row!.n}`;
    });
    const results = await Promise.allSettled(['a', 'bad', 'b'].map((name) => batch.run(name)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a:1',
      expect.stringMatching(/division by zero/),
      'b:1',
    ]);
  });

  it('retries a status that arrives before the send was recorded, then lets it go', async () => {
    const early: StatusEvent = {
      v: 1,
      tenant: 'acme',
      phoneNumberId: PHONE_NUMBER_ID,
      wamid: 'wamid.not-yet',
      status: 'sent',
      timestamp: 1764000100,
      receivedAt: new Date().toISOString(),
    };
    expect((await handleStatus(early, { orm, tenant }, 1)).kind).toBe('retry');
    expect((await handleStatus(early, { orm, tenant }, 5)).kind).toBe('done');
  });

  it('answers a burst from one number once with a notice, audits it, and records every message', async () => {
    const from = '5511990000777';
    await seedTenant(orm, {
      tenant: 'acme',
      phoneNumberId: PHONE_NUMBER_ID,
      users: [{ name: 'Burst', phone: `+${from}` }],
    });
    const before = (await tasks()).length;
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        await handleInbound(inbound({ from, text: `create a task to burst item ${i}` }), {
          ...deps(),
          senderPerMinute: 3,
        }),
      );
    }
    const outbound = results.map((r) => (r.kind === 'replied' ? r.outbound.length : -1));
    expect(outbound).toEqual([1, 1, 1, 1, 0]);
    const notice = results[3]!.kind === 'replied' ? results[3]!.outbound[0]!.content : undefined;
    expect(notice).toMatchObject({
      type: 'text',
      text: { body: expect.stringContaining('mais rápido do que consigo acompanhar') },
    });
    expect((await tasks()).length - before).toBe(3);
    const recorded = await inTenant(orm, tenant.id, (em) =>
      em.count(WhatsAppMessage, { direction: 'in', peer: from }),
    );
    expect(recorded).toBe(5);
    const audit = await inTenant(orm, tenant.id, (em) =>
      em.find(SecurityAuditLog, { action: 'whatsapp.burst' }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ messagesInLastMinute: 4, limitPerMinute: 3 });
    expect(audit[0]!.actor).not.toContain(from);
  });

  it('over the tenant-wide limit, records messages without working on them and tells each sender once', async () => {
    const [ana, bia] = ['5511990000881', '5511990000882'];
    await seedTenant(orm, {
      tenant: 'acme',
      phoneNumberId: PHONE_NUMBER_ID,
      users: [
        { name: 'Ana', phone: `+${ana}` },
        { name: 'Bia', phone: `+${bia}` },
      ],
    });
    const [already] = await inTenant(orm, tenant.id, (em) =>
      em.execute<{ n: string }[]>(
        `select count(*) as n from whatsapp_messages where direction = 'in' and created_at > now() - interval '1 minute'`,
      ),
    );
    // Room for two more messages this minute; the counter reads the database once and counts the rest itself.
    const tenantLimit = {
      perMinute: Number(already!.n) + 2,
      rate: new TenantInboundRate(orm, tenant.id, 60_000),
    };
    const before = (await tasks()).length;
    const results = [];
    for (const [i, from] of [ana, bia, ana, ana, bia].entries()) {
      results.push(
        await handleInbound(inbound({ from, text: `create a task to flood item ${i}` }), {
          ...deps(),
          tenantLimit,
        }),
      );
    }
    const outbound = results.map((r) => (r.kind === 'replied' ? r.outbound.length : -1));
    expect(outbound).toEqual([1, 1, 1, 0, 1]);
    for (const refused of [results[2]!, results[4]!]) {
      expect(refused.kind === 'replied' && refused.outbound[0]!.content).toMatchObject({
        text: { body: expect.stringContaining('Envie de novo em um minuto') },
      });
    }
    expect((await tasks()).length - before).toBe(2);
    const recorded = await inTenant(orm, tenant.id, (em) =>
      em.count(WhatsAppMessage, { direction: 'in', peer: { $in: [ana, bia] } }),
    );
    expect(recorded).toBe(5);
    const audit = await inTenant(orm, tenant.id, (em) =>
      em.find(SecurityAuditLog, { action: 'whatsapp.tenant_limit' }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ limitPerMinute: tenantLimit.perMinute });
  });

  it('audits an unknown number once a day, by pseudonym', async () => {
    for (let i = 0; i < 3; i++)
      await handleInbound(inbound({ from: '5511990000555', text: 'hello?' }), deps());
    const audit = await inTenant(orm, tenant.id, (em) =>
      em.find(SecurityAuditLog, {
        action: 'whatsapp.unknown-sender',
        actor: `whatsapp:${pseudonym('5511990000555')}`,
      }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toMatch(/^whatsapp:/);
    expect(JSON.stringify(audit)).not.toContain('5511990000555');
  });
});
