import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  Task,
  SecurityAuditLog,
  Tenant,
  generateKeyEntry,
  subjects,
  WhatsAppMessage,
  inTenant,
  openOrm,
  signBody,
  streamName,
  type MikroORM,
  type NatsConnection,
} from '@taskline/core';
import { deleteStreams, freshDatabase, natsForTest, NATS_URL, uniqueTenant } from '../support/services.ts';
import { runRole, startRole, freePort, type RoleProcess } from '../support/processes.ts';

/**
 * The whole path with real processes: simulator (Cloud API stand-in) -> signed webhook -> JetStream -> worker
 * (PostgreSQL) -> sender -> simulator. Every role is started as `taskline <role>` with the DESIGN.md §3 env.
 */
const PHONE = '+5511990000001';
const PHONE_NUMBER_ID = String(100000000000000 + Math.floor(Math.random() * 1e9));
const APP_SECRET = 'e2e-app-secret-0123456789';
const ACCESS_TOKEN = 'e2e-access-token';

interface ConversationEntry {
  direction: 'in' | 'out';
  wamid: string;
  text?: string;
  statuses?: { status: string }[];
}

/** The worker seals message bodies with this key (TASKLINE_ENCRYPTION_KEYS). */
const ENCRYPTION_KEYS = generateKeyEntry('e2e');

describe('a WhatsApp message answered end to end', () => {
  const tenant = uniqueTenant('e2e');
  let databaseUrl: string;
  let orm: MikroORM;
  let nc: NatsConnection;
  let simulator: RoleProcess;
  let webhook: RoleProcess;
  let worker: RoleProcess;
  let workerEnv: Record<string, string>;

  const send = async (text: string, extra: Record<string, unknown> = {}) => {
    const response = await fetch(`${simulator.url}/_sim/phones/${encodeURIComponent(PHONE)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumberId: PHONE_NUMBER_ID, text, ...extra }),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as { wamid: string };
  };
  const conversation = async (): Promise<ConversationEntry[]> => {
    const response = await fetch(
      `${simulator.url}/_sim/phones/${encodeURIComponent(PHONE)}/conversation?phoneNumberId=${PHONE_NUMBER_ID}`,
    );
    const body = (await response.json()) as { messages: ConversationEntry[] } | ConversationEntry[];
    return Array.isArray(body) ? body : body.messages;
  };
  const outboundCount = async () => (await conversation()).filter((m) => m.direction === 'out').length;
  const waitForOutbound = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await outboundCount()) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`expected ${count} replies within ${timeoutMs} ms, got ${await outboundCount()}`);
  };
  const tasksTitled = (title: string) => inTenant(orm, tenantId(), (em) => em.find(Task, { title }));
  let tenantRow: Tenant;
  const tenantId = () => tenantRow.id;
  /** Messages in the tenant's stream on one subject. */
  const streamMessages = async (subject: string) =>
    (await (await jetstreamManager(nc)).streams.info(streamName(tenant), { subjects_filter: subject })).state
      .subjects?.[subject] ?? 0;

  beforeAll(async () => {
    databaseUrl = await freshDatabase('e2e');
    nc = await natsForTest();
    const seeded = await runRole(
      'seed',
      [
        '--tenant',
        tenant,
        '--display-name',
        'E2E Corp',
        '--phone-number-id',
        PHONE_NUMBER_ID,
        '--user',
        `Ana Souza:${PHONE}`,
      ],
      { DATABASE_URL: databaseUrl },
    );
    expect(seeded.code, seeded.output).toBe(0);
    orm = await openOrm({ databaseUrl, encryptionKeys: ENCRYPTION_KEYS });
    tenantRow = await orm.em.fork().findOneOrFail(Tenant, { slug: tenant });

    const webhookPort = await freePort();
    simulator = await startRole('simulator', {
      SIMULATOR_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhook`,
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_APP_SECRET: APP_SECRET,
    });
    webhook = await startRole(
      'webhook',
      {
        TENANT: tenant,
        NATS_URL,
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: 'e2e-verify',
        SECURITY_REPORT_WINDOW_MS: '300',
      },
      { port: webhookPort },
    );
    workerEnv = {
      TENANT: tenant,
      NATS_URL,
      DATABASE_URL: databaseUrl,
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: `${simulator.url}/v24.0`,
      TASKLINE_ENCRYPTION_KEYS: ENCRYPTION_KEYS,
    };
    worker = await startRole('worker', workerEnv);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([worker?.stop(), webhook?.stop(), simulator?.stop()]);
    await deleteStreams(nc, [tenant]);
    await nc?.close();
    await orm?.close();
  });

  it('answers "Create a task to review the quarterly reports" within 2 s and stores the task', async () => {
    const before = await outboundCount();
    const started = performance.now();
    const { wamid } = await send('Create a task to review the quarterly reports');
    await waitForOutbound(before + 1, 2000);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);

    const reply = (await conversation()).filter((m) => m.direction === 'out').at(-1);
    expect(reply?.text).toContain('review the quarterly reports');
    expect(await tasksTitled('review the quarterly reports')).toHaveLength(1);
    const rows = await inTenant(orm, tenantId(), (em) => em.find(WhatsAppMessage, { inReplyTo: wamid }));
    expect(rows).toHaveLength(1);
    // Both bodies are sealed at rest under the worker's key; the ORM (same key) reads them back.
    const stored = await inTenant(orm, tenantId(), (em) =>
      em.execute<{ body: string }[]>(
        'select body::text as body from whatsapp_messages where wamid = ? or in_reply_to = ?',
        [wamid, wamid],
      ),
    );
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.body).toMatch(/^\{"\$enc": "v1:e2e:/);
      expect(row.body).not.toMatch(/quarterly/i);
    }
    expect(JSON.stringify(rows[0]!.body)).toContain('review the quarterly reports');
    // The phone saw the message read with the typing indicator, and the reply went sent -> delivered -> read.
    const inbound = (await conversation()).find((m) => m.wamid === wamid);
    expect(inbound?.statuses?.map((s) => s.status)).toContain('read+typing');
    await expect
      .poll(
        async () =>
          (await inTenant(orm, tenantId(), (em) => em.findOneOrFail(WhatsAppMessage, { inReplyTo: wamid })))
            .status,
      )
      .toBe('read');
  });

  it('gives one task and one reply when the same webhook is delivered twice', async () => {
    const before = await outboundCount();
    const { wamid } = await send('Create a task to renew the office lease', { duplicate: 2 });
    await waitForOutbound(before + 1, 2000);
    // Give a second reply every chance to appear before counting.
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(await outboundCount()).toBe(before + 1);
    expect(await tasksTitled('renew the office lease')).toHaveLength(1);
    const inbound = await inTenant(orm, tenantId(), (em) => em.find(WhatsAppMessage, { wamid }));
    expect(inbound).toHaveLength(1);
  });

  it('rejects a forged webhook with 401, publishes no message, and audits the failures once', async () => {
    const before = await streamMessages(subjects(tenant).inbound);
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    for (const signature of [signBody(body, 'not-the-app-secret'), undefined]) {
      const response = await fetch(`${webhook.url}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        body,
      });
      expect(response.status).toBe(401);
    }
    expect(await streamMessages(subjects(tenant).inbound)).toBe(before);
    // The webhook sums them into one security report; the worker writes it to the tenant's audit log.
    await expect
      .poll(
        () =>
          inTenant(orm, tenantId(), (em) => em.find(SecurityAuditLog, { action: 'webhook.bad_signature' })),
        { timeout: 5000 },
      )
      .toHaveLength(1);
    const [entry] = await inTenant(orm, tenantId(), (em) =>
      em.find(SecurityAuditLog, { action: 'webhook.bad_signature' }),
    );
    expect(entry!.details).toMatchObject({ count: 2, sources: [{ ip: '127.0.0.1', count: 2 }] });
    expect(entry!.outcome).toBe('denied');
  });

  it('loses nothing and answers nothing twice when the worker is killed with messages in flight', async () => {
    const before = await outboundCount();
    const titles = Array.from({ length: 12 }, (_, i) => `file expense report ${i + 1}`);
    const sent = titles.map((title) => send(`Create a task to ${title}`));
    // Kill -9 as soon as the first of them is accepted by the webhook: the rest are in JetStream or in hand.
    await Promise.race(sent);
    await worker.stop('SIGKILL');
    await Promise.all(sent);
    worker = await startRole('worker', workerEnv);

    await waitForOutbound(before + titles.length, 25_000);
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(await outboundCount()).toBe(before + titles.length);
    for (const title of titles) expect(await tasksTitled(title)).toHaveLength(1);
  }, 45_000);

  it('drains and exits 0 on SIGTERM', async () => {
    expect(await worker.stop('SIGTERM')).toBe(0);
    worker = await startRole('worker', workerEnv);
  });
});
