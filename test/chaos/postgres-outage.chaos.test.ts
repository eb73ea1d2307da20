import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Task, Tenant, inTenant, openOrm, type MikroORM, type NatsConnection } from '@taskline/core';
import { deleteStreams, freshDatabase, natsForTest, NATS_URL, uniqueTenant } from '../support/services.ts';
import { freePort, runRole, startRole, type RoleProcess } from '../support/processes.ts';

/**
 * Chaos: PostgreSQL stops while messages keep arriving. The webhook keeps answering 200 (it needs only JetStream),
 * the worker pauses its consumers instead of burning deliveries, and when PostgreSQL is back every message is
 * answered exactly once. Stops this machine's cluster with pg_ctlcluster, so it runs only as root on a Debian
 * PostgreSQL; `make chaos` stops it for 20 s, `make test` for CHAOS_PG_SECONDS (default 6).
 */
const SECONDS = Number(process.env.CHAOS_PG_SECONDS ?? 6);
const VERSION = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : undefined;
const runnable = process.getuid?.() === 0 && existsSync('/usr/bin/pg_ctlcluster') && VERSION !== undefined;
const PHONE = '+5511990000009';
const PHONE_NUMBER_ID = String(600000000000000 + Math.floor(Math.random() * 1e9));
const APP_SECRET = 'pg-outage-app-secret-0123456789';
const BEFORE = 3;
const DURING = 12;

const cluster = (action: 'start' | 'stop') =>
  execFileSync(
    'pg_ctlcluster',
    ['--skip-systemctl-redirect', VERSION!, 'main', action, ...(action === 'stop' ? ['-m', 'fast'] : [])],
    {
      stdio: 'pipe',
    },
  );

/** Starts the cluster unless it runs already (pg_ctlcluster start fails on a running cluster). */
function ensureRunning(): void {
  try {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION!, 'main', 'status'], {
      stdio: 'pipe',
    });
  } catch {
    cluster('start');
  }
}

describe.skipIf(!runnable)('chaos: PostgreSQL stopped while messages arrive', () => {
  const tenant = uniqueTenant('pgdown');
  let nc: NatsConnection;
  let orm: MikroORM;
  const roles: RoleProcess[] = [];
  let simulator: RoleProcess;
  let worker: RoleProcess;

  const send = async (text: string) => {
    const response = await fetch(`${simulator.url}/_sim/phones/${PHONE.slice(1)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumberId: PHONE_NUMBER_ID, text }),
    });
    expect(response.status, await response.text()).toBe(201);
  };
  const replies = async () => {
    const body = (await (
      await fetch(`${simulator.url}/_sim/messages?phoneNumberId=${PHONE_NUMBER_ID}`)
    ).json()) as {
      messages: { text?: string }[];
    };
    return body.messages.map((m) => m.text ?? '');
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    return Number(
      text
        .split('\n')
        .find((l) => l.startsWith(name))
        ?.split(' ')
        .at(-1),
    );
  };
  const until = async (check: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check().catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('condition not met in time');
  };

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('pgdown');
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
      WHATSAPP_ACCESS_TOKEN: 'pg-token',
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
      WHATSAPP_ACCESS_TOKEN: 'pg-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: `${simulator.url}/v24.0`,
    });
    roles.push(worker);
  }, 60_000);

  afterAll(async () => {
    try {
      ensureRunning(); // whatever happened, leave PostgreSQL running
    } finally {
      if (process.env.CHAOS_DEBUG) console.log(worker?.output().slice(-6000));
      await Promise.all(roles.map((role) => role.stop()));
    }
    await deleteStreams(nc, [tenant]);
    await nc?.close();
    await orm?.close();
  });

  it(`answers every message exactly once across a ${SECONDS} s PostgreSQL outage`, async () => {
    for (let i = 0; i < BEFORE; i++) await send(`create a task to file pg item ${i}`);
    await until(async () => (await replies()).length >= BEFORE, 15_000);

    cluster('stop');
    const stoppedAt = Date.now();
    try {
      for (let i = BEFORE; i < BEFORE + DURING; i++) await send(`create a task to file pg item ${i}`);
      await until(async () => (await metric('taskline_database_circuit_state')) === 2, 15_000);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, stoppedAt + SECONDS * 1000 - Date.now())),
      );
    } finally {
      ensureRunning();
    }
    await until(async () => (await replies()).length >= BEFORE + DURING, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const texts = await replies();
    const perItem = new Map<number, number>();
    for (const text of texts) {
      const item = /pg item (\d+)\*/.exec(text)?.[1];
      if (item) perItem.set(Number(item), (perItem.get(Number(item)) ?? 0) + 1);
    }
    const tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: tenant })).id;
    const tasks = await inTenant(orm, tenantId, (em) => em.find(Task, {}));
    console.log(
      `postgres outage ${SECONDS} s: ${BEFORE + DURING} messages -> ${texts.length} replies, ${tasks.length} tasks`,
    );
    expect([...perItem.values()].filter((n) => n !== 1)).toEqual([]);
    expect(perItem.size).toBe(BEFORE + DURING);
    expect(tasks).toHaveLength(BEFORE + DURING);
    expect(await metric('taskline_dlq_messages')).toBe(0);
    expect(await metric('taskline_database_circuit_state')).toBe(0);
  }, 180_000);
});
