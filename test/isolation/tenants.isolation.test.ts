import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import {
  AdminAccount,
  SecurityAuditLog,
  Task,
  Tenant,
  WhatsAppMessage,
  createLogger,
  createTask,
  ensureTenantStream,
  inTenant,
  inboundEventSchema,
  jetstreamManager,
  openOrm,
  seedTenant,
  signBody,
  streamName,
  subjects,
  type MikroORM,
  type NatsConnection,
  jetStreamPublisher,
} from '@taskline/core';
import { buildApp } from '@taskline/webhook';
import { handleInbound } from '@taskline/worker';
import { Assistant, chooseModel, understand } from '@taskline/assistant';
import { hashPassword } from '@taskline/api';
import { signIn, startTestApi } from '../support/api.ts';
import { SAMPLES_DIR, deleteStreams, freshDatabase, natsForTest, uniqueTenant } from '../support/services.ts';

/**
 * Tenant isolation, tried from each place tenant B's code or people can reach: B's webhook, B's worker (and the
 * assistant acting for B's users), a console session of B's admin, and B's database role. Tenant A's credentials,
 * users, tasks, messages and audit entries must stay out of reach from all four.
 */
describe("isolation: tenant B cannot reach tenant A's data", () => {
  const a = { slug: uniqueTenant('isoa'), secret: 'tenant-a-app-secret-0123', number: '111111111111111' };
  const b = { slug: uniqueTenant('isob'), secret: 'tenant-b-app-secret-0123', number: '222222222222222' };
  const ANA = '5511990000001'; // a user of A only
  const BIA = '5511990000002'; // a user of B
  let orm: MikroORM;
  let nc: NatsConnection;
  let started: Awaited<ReturnType<typeof startTestApi>>;
  let api: FastifyInstance;
  const ids: Record<string, string> = {};
  const assistant = new Assistant({ model: chooseModel({}), understand });
  const sample = JSON.parse(readFileSync(new URL('inbound-text.json', SAMPLES_DIR), 'utf8')) as {
    entry: { changes: { value: { metadata: { phone_number_id: string } } }[] }[];
  };
  const deliveryFor = (phoneNumberId: string) => {
    const body = structuredClone(sample);
    body.entry[0]!.changes[0]!.value.metadata.phone_number_id = phoneNumberId;
    return JSON.stringify(body);
  };
  const webhookOf = (tenant: typeof a) =>
    buildApp({
      config: {
        TENANT: tenant.slug,
        WHATSAPP_APP_SECRET: tenant.secret,
        WHATSAPP_VERIFY_TOKEN: 'v',
        WEBHOOK_BODY_LIMIT: 3_000_000,
      },
      log: createLogger('test', 'silent'),
      registry: new Registry(),
      publisher: jetStreamPublisher(nc, 2000),
    });
  const streamCount = async (tenant: typeof a) =>
    (await (await jetstreamManager(nc)).streams.info(streamName(tenant.slug))).state.messages;
  const tenantOf = async (slug: string) => (await orm.em.fork().findOneOrFail(Tenant, { slug })) as Tenant;

  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('isolation') });
    nc = await natsForTest();
    const jsm = await jetstreamManager(nc);
    for (const tenant of [a, b]) await ensureTenantStream(jsm, tenant.slug);
    await seedTenant(orm, {
      tenant: a.slug,
      phoneNumberId: a.number,
      users: [{ name: 'Ana', phone: `+${ANA}` }],
    });
    await seedTenant(orm, {
      tenant: b.slug,
      phoneNumberId: b.number,
      users: [{ name: 'Bia', phone: `+${BIA}` }],
    });
    ids.a = (await tenantOf(a.slug)).id;
    ids.b = (await tenantOf(b.slug)).id;
    const em = orm.em.fork();
    const anaUser = await em.execute<{ id: string }[]>('select id from users where tenant_id = ?', [ids.a]);
    ids.ana = anaUser[0]!.id;
    await inTenant(orm, ids.a, async (tx) => {
      ids.secretTask = (
        await createTask(tx, { tenantId: ids.a!, userId: ids.ana! }, { title: 'acquire globex quietly' })
      ).id;
      tx.create(SecurityAuditLog, {
        tenantId: ids.a,
        actor: 'a-admin',
        action: 'a.secret-action',
        outcome: 'success',
      });
      await tx.flush();
    });
    em.create(AdminAccount, {
      email: 'admin@b.test',
      displayName: 'B admin',
      role: 'tenant-admin',
      tenant: ids.b,
      passwordHash: await hashPassword('b-admin-password-0123'),
    });
    await em.flush();
    started = await startTestApi(orm, nc);
    api = started.app;
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await deleteStreams(nc, [a.slug, b.slug]);
    await nc?.close();
    await orm?.close();
  });

  it("B's webhook refuses A's signed deliveries and never writes to A's stream", async () => {
    const webhookB = webhookOf(b);
    const [beforeA, beforeB] = [await streamCount(a), await streamCount(b)];
    const genuineForA = deliveryFor(a.number);
    const refused = await webhookB.inject({
      method: 'POST',
      url: '/webhook',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(genuineForA, a.secret) },
      payload: genuineForA,
    });
    expect(refused.statusCode).toBe(401);
    // Signed with B's own secret but naming A's number: it lands in B's stream only, where B's worker ignores it.
    const misrouted = await webhookB.inject({
      method: 'POST',
      url: '/webhook',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(genuineForA, b.secret) },
      payload: genuineForA,
    });
    expect(misrouted.statusCode).toBe(200);
    expect(await streamCount(a)).toBe(beforeA);
    expect(await streamCount(b)).toBe(beforeB + 1);
    const consumer = await jetstream(nc).consumers.get(streamName(b.slug), 'worker');
    const msg = await consumer.next({ expires: 2000 });
    const event = inboundEventSchema.parse(msg!.json());
    expect(msg!.subject).toBe(subjects(b.slug).inbound);
    msg!.ack();
    const tenantB = await tenantOf(b.slug);
    const result = await handleInbound(event, { orm, tenant: tenantB, phoneNumberId: b.number, assistant });
    expect(result).toMatchObject({ kind: 'ignored' });
    for (const tenantId of [ids.a, ids.b]) {
      expect(await inTenant(orm, tenantId!, (em) => em.count(WhatsAppMessage, { wamid: event.wamid }))).toBe(
        0,
      );
    }
    await webhookB.close();
  });

  it("B's worker and assistant see neither A's users nor A's tasks", async () => {
    const tenantB = await tenantOf(b.slug);
    const event = (from: string, text: string) =>
      inboundEventSchema.parse({
        v: 1,
        tenant: b.slug,
        phoneNumberId: b.number,
        wamid: `wamid.iso-${crypto.randomUUID()}`,
        from,
        timestamp: Math.floor(Date.now() / 1000),
        type: 'text',
        text,
        receivedAt: new Date().toISOString(),
        message: {},
      });
    const reply = async (from: string, text: string) => {
      const result = await handleInbound(event(from, text), {
        orm,
        tenant: tenantB,
        phoneNumberId: b.number,
        assistant,
      });
      return result.kind === 'replied' ? JSON.stringify(result.outbound.map((o) => o.content)) : '';
    };
    // Ana is A's user: writing to B's number she is a stranger there, whatever she asks.
    const toAna = await reply(ANA, 'list my tasks');
    expect(toAna).not.toContain('acquire globex');
    expect(toAna).toMatch(/não está vinculado/); // Brazilian number: the stranger's reply is in Portuguese
    // Bia, B's user, asks about A's task by its words and tries to complete it.
    for (const text of ['list my tasks', 'search for globex', 'show my tasks about acquire']) {
      expect(await reply(BIA, text), text).not.toContain('acquire globex quietly');
    }
    // Naming it in full only gets "not found" (the words are hers; nothing of A's comes back).
    const completing = await reply(BIA, 'mark the acquire globex quietly task as done');
    console.log(`B's user completing A's task was told: ${completing}`);
    expect(completing).not.toMatch(/marked|completed|done ✅|concluída/i);
    const secret = await inTenant(orm, ids.a!, (em) => em.findOneOrFail(Task, { id: ids.secretTask! }));
    expect(secret.status).not.toBe('done');
    expect(await inTenant(orm, ids.b!, (em) => em.count(Task, { id: ids.secretTask! }))).toBe(0);
  });

  it("B's console session gets 403 for every A resource and only B's audit entries", async () => {
    const headers = await signIn(api, 'admin@b.test', 'b-admin-password-0123');
    for (const path of [
      '',
      '/messages',
      '/tasks',
      '/users',
      '/mappings',
      '/dashboard',
      `/users/${ids.ana}/export`,
    ]) {
      const response = await api.inject({ method: 'GET', url: `/api/v1/tenants/${a.slug}${path}`, headers });
      expect(response.statusCode, path).toBe(403);
    }
    const audit = await api.inject({ method: 'GET', url: '/api/v1/audit?limit=200', headers });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).not.toContain('a.secret-action');
    const asTenantA = await api.inject({ method: 'GET', url: `/api/v1/audit?tenant=${a.slug}`, headers });
    expect(asTenantA.body).not.toContain('a.secret-action');
  });

  it("B's database role reads and changes nothing of A's, even by id", async () => {
    await inTenant(orm, ids.b!, async (em) => {
      expect(await em.execute('select * from tasks where id = ?', [ids.secretTask])).toEqual([]);
      expect(await em.execute('select * from users where tenant_id = ?', [ids.a])).toEqual([]);
      expect(await em.execute(`select * from security_audit_logs where action = 'a.secret-action'`)).toEqual(
        [],
      );
      expect(await em.execute('select * from whatsapp_contacts where tenant_id = ?', [ids.a])).toEqual([]);
      const updated = await em.execute(
        `update tasks set title = 'pwned' where id = ?`,
        [ids.secretTask],
        'run',
      );
      expect(updated).toMatchObject({ affectedRows: 0 });
    });
    const task = await inTenant(orm, ids.a!, (em) => em.findOneOrFail(Task, { id: ids.secretTask! }));
    expect(task.title).toBe('acquire globex quietly');
  });
});
