import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SecurityAuditLog,
  Task,
  Tenant,
  WhatsAppMessage,
  inTenant,
  openOrm,
  type MikroORM,
  type NatsConnection,
} from '@taskline/core';
import { deleteStreams, freshDatabase, natsForTest, NATS_URL, uniqueTenant } from '../support/services.ts';
import { freePort, runRole, startRole, type RoleProcess } from '../support/processes.ts';

/**
 * The Cloud API fails for a while (the simulator answers 500 to every send): the worker's circuit opens, replies
 * wait in JetStream instead of burning their deliveries, and when the API recovers every message is answered
 * exactly once. Counted at the simulator (replies) and in PostgreSQL (tasks).
 */
const PHONE = '+5511990000007';
const PHONE_NUMBER_ID = String(400000000000000 + Math.floor(Math.random() * 1e9));
const APP_SECRET = 'resilience-app-secret-0123456789';
const MESSAGES = 6;

describe('Cloud API outage', () => {
  const tenant = uniqueTenant('outage');
  let nc: NatsConnection;
  let orm: MikroORM;
  const roles: RoleProcess[] = [];
  let simulator: RoleProcess;
  let worker: RoleProcess;

  const sim = (path: string, init?: RequestInit) => fetch(`${simulator.url}${path}`, init);
  const replies = async () => {
    const body = (await (
      await sim(`/_sim/phones/${PHONE.slice(1)}/conversation?phoneNumberId=${PHONE_NUMBER_ID}`)
    ).json()) as {
      messages: { direction: string; text?: string }[];
    };
    return body.messages.filter((m) => m.direction === 'out');
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(name));
    return line ? Number(line.split(' ').at(-1)) : undefined;
  };
  const eventually = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('condition not met in time');
  };

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('resilience');
    orm = await openOrm({ databaseUrl });
    nc = await natsForTest();
    const seeded = await runRole(
      'seed',
      ['--tenant', tenant, '--phone-number-id', PHONE_NUMBER_ID, '--user', `Ana:${PHONE}`],
      {
        DATABASE_URL: databaseUrl,
      },
    );
    expect(seeded.code, seeded.output).toBe(0);
    const webhookPort = await freePort();
    simulator = await startRole('simulator', {
      SIMULATOR_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhook`,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'outage-token',
    });
    roles.push(simulator);
    roles.push(
      await startRole(
        'webhook',
        { TENANT: tenant, NATS_URL, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'v' },
        { port: webhookPort },
      ),
    );
    worker = await startRole('worker', {
      TENANT: tenant,
      NATS_URL,
      DATABASE_URL: databaseUrl,
      WHATSAPP_ACCESS_TOKEN: 'outage-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: `${simulator.url}/v24.0`,
      CIRCUIT_FAILURES: '3',
      CIRCUIT_COOLDOWN_MS: '400',
    });
    roles.push(worker);
  }, 60_000);

  afterAll(async () => {
    if (process.env.CHAOS_DEBUG) console.log(worker?.output().slice(-8000));
    await Promise.all(roles.map((role) => role.stop()));
    await deleteStreams(nc, [tenant]);
    await nc?.close();
    await orm?.close();
  });

  it('opens the circuit, keeps the replies, and answers each message exactly once when the API is back', async () => {
    await sim('/_sim/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'server_error' }),
    });
    for (let i = 1; i <= MESSAGES; i++) {
      const sent = await sim(`/_sim/phones/${PHONE.slice(1)}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          phoneNumberId: PHONE_NUMBER_ID,
          text: `create a task to check outage item ${i}`,
        }),
      });
      expect(sent.status).toBe(201);
    }
    await eventually(async () => (await metric('taskline_circuit_state')) === 2);
    // While the API fails, nothing reaches the phone and nothing is dead-lettered.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await replies()).toHaveLength(0);
    expect(await metric('taskline_dlq_messages')).toBe(0);

    await sim('/_sim/faults', { method: 'DELETE' });
    await eventually(async () => (await replies()).length >= MESSAGES, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // would a duplicate still arrive?
    const texts = (await replies()).map((r) => r.text ?? '');
    expect(texts).toHaveLength(MESSAGES);
    for (let i = 1; i <= MESSAGES; i++)
      expect(texts.filter((t) => t.includes(`outage item ${i}*`))).toHaveLength(1);
    const tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: tenant })).id;
    const tasks = await inTenant(orm, tenantId, (em) => em.find(Task, {}));
    expect(tasks).toHaveLength(MESSAGES);
    expect(await metric('taskline_circuit_state')).toBe(0);
    // What the roles logged through the outage (circuit transitions, failed sends) never holds a secret.
    const logs = roles.map((role) => role.output()).join('\n');
    expect(logs).toMatch(/Cloud API circuit open/);
    for (const secret of [APP_SECRET, 'outage-token']) expect(logs).not.toContain(secret);
    expect(await metric('taskline_circuit_transitions_total{to="open"')).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('fails a reply the API refuses for good once, does not retry it, and audits why', async () => {
    await sim('/_sim/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'outside_window', count: 1, requests: 'send' }),
    });
    const before = (await replies()).length;
    const sent = await sim(`/_sim/phones/${PHONE.slice(1)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phoneNumberId: PHONE_NUMBER_ID,
        text: 'create a task to file the window report',
      }),
    });
    const { wamid } = (await sent.json()) as { wamid: string };
    const tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: tenant })).id;
    const reply = () =>
      inTenant(orm, tenantId, (em) => em.findOne(WhatsAppMessage, { inReplyTo: wamid, direction: 'out' }));
    await eventually(async () => (await reply())?.status === 'failed');
    expect((await reply())!.error).toMatchObject({ code: 131047 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // no retry reaches the phone
    expect(await replies()).toHaveLength(before);
    const audit = await inTenant(orm, tenantId, (em) =>
      em.find(SecurityAuditLog, { action: 'whatsapp.send_failed', target: `reply:${wamid}:reply` }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ code: 131047 });
  }, 30_000);
});
