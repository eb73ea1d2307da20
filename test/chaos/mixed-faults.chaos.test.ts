import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
 * Chaos, everything at once while messages stream in: the Cloud API answers 429s, then 5xx, then is so slow that
 * sends time out (and the API takes them anyway, as a real one may); the worker and its sender are killed with
 * SIGKILL; NATS itself is restarted (root only: the machine's nats-server, stopped and started again). The
 * simulator plays Meta: it retries a webhook delivery that did not get 200. At the end every message has exactly
 * one reply at the phone and one task in PostgreSQL. `make chaos` sends 2,000; `make test` CHAOS_MIXED_MESSAGES
 * (default 120).
 */
const MESSAGES = Number(process.env.CHAOS_MIXED_MESSAGES ?? 120);
const USERS = 10;
const PHONE_NUMBER_ID = String(700000000000000 + Math.floor(Math.random() * 1e9));
const APP_SECRET = 'mixed-chaos-app-secret-0123456789';
const NATS_SERVER = '/usr/sbin/nats-server';
const canRestartNats =
  process.getuid?.() === 0 && existsSync(NATS_SERVER) && existsSync('/usr/sbin/start-stop-daemon');
const phone = (i: number) => `+55119901${String(i).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The machine's NATS, as the session brief starts it. */
function nats(action: 'stop' | 'start'): void {
  if (action === 'stop') {
    execFileSync('start-stop-daemon', ['--stop', '--oknodo', '--retry', '10', '--exec', NATS_SERVER], {
      stdio: 'pipe',
    });
    return;
  }
  execFileSync(
    'start-stop-daemon',
    [
      '--start',
      '--oknodo',
      '--background',
      '--exec',
      NATS_SERVER,
      '--',
      '-a',
      '127.0.0.1',
      '-p',
      '4222',
      '-js',
      '-sd',
      '/var/lib/nats-server',
      '-l',
      '/var/log/nats-server.log',
    ],
    { stdio: 'pipe' },
  );
}

describe('chaos: Cloud API faults, worker kills and a NATS restart at once', () => {
  const tenant = uniqueTenant('mixed');
  let nc: NatsConnection;
  let orm: MikroORM;
  let simulator: RoleProcess;
  let webhook: RoleProcess;
  let worker: RoleProcess | undefined;
  let workerEnv: Record<string, string>;
  let natsStopped = false;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('chaos_mixed');
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
      WHATSAPP_ACCESS_TOKEN: 'mixed-token',
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
      WHATSAPP_ACCESS_TOKEN: 'mixed-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: `${simulator.url}/v24.0`,
      WHATSAPP_API_TIMEOUT_MS: '1000',
      CIRCUIT_COOLDOWN_MS: '500',
      SENDER_MESSAGES_PER_MINUTE: '10000',
    };
    worker = await startRole('worker', workerEnv);
  }, 60_000);

  afterAll(async () => {
    if (natsStopped) nats('start');
    await Promise.all([worker?.stop(), webhook?.stop(), simulator?.stop()]);
    await deleteStreams(nc, [tenant]);
    await nc?.close();
    await orm?.close();
  });

  it(`answers ${MESSAGES} messages exactly once through 429s, 5xx, timeouts, a kill -9 and a NATS restart`, async () => {
    const fault = (body: object) =>
      fetch(`${simulator.url}/_sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumberId: PHONE_NUMBER_ID, ...body }),
      }).then((r) => expect(r.status).toBe(200));
    const refused: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < MESSAGES; i++) {
        const response = await fetch(`${simulator.url}/_sim/phones/${phone(i % USERS).slice(1)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            phoneNumberId: PHONE_NUMBER_ID,
            text: `create a task to handle mixed item ${i}`,
            retries: 9,
          }),
        });
        if (response.status !== 201) refused.push(`${i}: ${response.status} ${await response.text()}`);
        await sleep(20);
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

    const faults: string[] = [];
    await sleep(800);
    await fault({ mode: 'rate_limit', count: 8, requests: 'send' });
    faults.push('8 x 429');
    await sleep(800);
    await fault({ mode: 'server_error', count: 8, requests: 'send' });
    faults.push('8 x 5xx');
    await sleep(800);
    // Slower than the worker's 1 s timeout; the simulator still takes each send after the delay.
    await fault({ mode: 'latency', latencyMs: 1800, count: 4, requests: 'send' });
    faults.push('4 timeouts (sent anyway)');
    await sleep(1200);
    await worker!.stop('SIGKILL');
    worker = await startRole('worker', workerEnv, { readyTimeoutMs: 30_000 });
    faults.push('kill -9 worker');
    if (canRestartNats) {
      await sleep(500);
      nats('stop');
      natsStopped = true;
      await sleep(3000);
      nats('start');
      natsStopped = false;
      faults.push('NATS down 3 s');
    }
    await sending;
    expect(refused).toEqual([]);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && (await replies()).length < MESSAGES) await sleep(250);
    // Past the sender's wait for an uncertain send (10 s), so a duplicate would have shown up.
    await sleep(12_000);

    const texts = await replies();
    const tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: tenant })).id;
    const tasks = await inTenant(orm, tenantId, (em) => em.find(Task, {}));
    const outbound = await inTenant(orm, tenantId, (em) => em.count(WhatsAppMessage, { direction: 'out' }));
    const perItem = new Map<number, number>();
    for (const text of texts) {
      const item = /mixed item (\d+)\*/.exec(text)?.[1];
      if (item) perItem.set(Number(item), (perItem.get(Number(item)) ?? 0) + 1);
    }
    console.log(
      `chaos (mixed): ${MESSAGES} messages; faults: ${faults.join(', ')} -> ${texts.length} replies at the phone, ${perItem.size} distinct, ${tasks.length} tasks, ${outbound} outbound rows`,
    );
    expect([...perItem.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(perItem.size).toBe(MESSAGES);
    expect(texts).toHaveLength(MESSAGES);
    expect(new Set(tasks.map((t) => t.title)).size).toBe(MESSAGES);
    expect(tasks).toHaveLength(MESSAGES);
  }, 420_000);
});
