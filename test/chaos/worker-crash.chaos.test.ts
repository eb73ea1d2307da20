import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
 * Chaos: the worker (which is also the sender) is killed with SIGKILL at random moments while messages stream in,
 * and restarted each time. At the end every message must have exactly one reply at the phone and exactly one task
 * in PostgreSQL. `make chaos` runs it with 2,000 messages; `make test` with CHAOS_MESSAGES (default 150).
 */
const MESSAGES = Number(process.env.CHAOS_MESSAGES ?? 150);
const KILLS = Number(process.env.CHAOS_KILLS ?? 3);
const USERS = 10;
const PHONE_NUMBER_ID = String(500000000000000 + Math.floor(Math.random() * 1e9));
const APP_SECRET = 'chaos-app-secret-0123456789';
const phone = (i: number) => `+55119900${String(i).padStart(5, '0')}`;

describe('chaos: the worker killed while it works', () => {
  const tenant = uniqueTenant('chaos');
  let nc: NatsConnection;
  let orm: MikroORM;
  let simulator: RoleProcess;
  let webhook: RoleProcess;
  let worker: RoleProcess | undefined;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('chaos');
    orm = await openOrm({ databaseUrl });
    nc = await natsForTest();
    const users = Array.from({ length: USERS }, (_, i) => ['--user', `User ${i}:${phone(i)}`]).flat();
    const seeded = await runRole(
      'seed',
      ['--tenant', tenant, '--phone-number-id', PHONE_NUMBER_ID, ...users],
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
      WHATSAPP_ACCESS_TOKEN: 'chaos-token',
    });
    webhook = await startRole(
      'webhook',
      { TENANT: tenant, NATS_URL, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'v' },
      { port: webhookPort },
    );
    workerEnv = {
      TENANT: tenant,
      NATS_URL,
      DATABASE_URL: databaseUrl,
      WHATSAPP_ACCESS_TOKEN: 'chaos-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: `${simulator.url}/v24.0`,
      // Each simulated user sends far faster than a person; the burst limit is not what is tested here.
      SENDER_MESSAGES_PER_MINUTE: '10000',
    };
    worker = await startRole('worker', workerEnv);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([worker?.stop(), webhook?.stop(), simulator?.stop()]);
    await deleteStreams(nc, [tenant]);
    await nc?.close();
    await orm?.close();
  });

  it(`answers ${MESSAGES} messages exactly once through ${KILLS} kill -9s of the worker`, async () => {
    const sending = (async () => {
      for (let i = 0; i < MESSAGES; i++) {
        const response = await fetch(`${simulator.url}/_sim/phones/${phone(i % USERS).slice(1)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            phoneNumberId: PHONE_NUMBER_ID,
            text: `create a task to handle chaos item ${i}`,
          }),
        });
        expect(response.status).toBe(201);
      }
    })();
    const replies = async () => {
      const body = (await (
        await fetch(`${simulator.url}/_sim/messages?phoneNumberId=${PHONE_NUMBER_ID}`)
      ).json()) as {
        messages: { text?: string }[];
      };
      return body.messages.map((m) => m.text ?? '');
    };
    let kills = 0;
    while (kills < KILLS) {
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 1200));
      await worker!.stop('SIGKILL');
      kills++;
      worker = await startRole('worker', workerEnv, { readyTimeoutMs: 30_000 });
    }
    await sending;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && (await replies()).length < MESSAGES)
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((resolve) => setTimeout(resolve, 2000)); // time for a duplicate to show up, if one would

    const texts = await replies();
    const tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: tenant })).id;
    const tasks = await inTenant(orm, tenantId, (em) => em.find(Task, {}));
    const outbound = await inTenant(orm, tenantId, (em) => em.count(WhatsAppMessage, { direction: 'out' }));
    // The assistant's memory commits with the message: each user message remembered once, kills or not.
    const [memory] = await orm.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from mastra.mastra_messages where role = 'user'`);
    const perItem = new Map<number, number>();
    for (const text of texts) {
      const item = /chaos item (\d+)\*/.exec(text)?.[1];
      if (item) perItem.set(Number(item), (perItem.get(Number(item)) ?? 0) + 1);
    }
    console.log(
      `chaos: ${MESSAGES} messages, ${kills} kills -> ${texts.length} replies at the phone, ${tasks.length} tasks, ${outbound} outbound rows, ${memory?.n} user messages in memory`,
    );
    expect([...perItem.values()].filter((count) => count !== 1)).toEqual([]);
    expect(perItem.size).toBe(MESSAGES);
    expect(texts).toHaveLength(MESSAGES);
    expect(new Set(tasks.map((t) => t.title)).size).toBe(MESSAGES);
    expect(tasks).toHaveLength(MESSAGES);
    expect(Number(memory?.n)).toBe(MESSAGES);
  }, 240_000);
});
