import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { runRole } from '../../../../test/support/processes.ts';
import { openOrm, inTenant, type MikroORM } from '../db/orm.ts';
import { Reminder, Task, Tenant, WhatsAppContact, WhatsAppMessage } from '../db/entities.ts';
import { seedTenant } from '../db/seed.ts';
import { createTask } from '../tasks/task.service.ts';
import { eraseUserData, exportUserData, resolveUser } from './user-data.ts';

describe("one person's data (export and erase)", () => {
  let orm: MikroORM;
  let databaseUrl: string;
  let tenantId: string;
  let ana: string;
  let bo: string;

  beforeAll(async () => {
    databaseUrl = await freshDatabase('privacy');
    orm = await openOrm({ databaseUrl });
    await seedTenant(orm, {
      tenant: 'acme',
      phoneNumberId: '1',
      users: [
        { name: 'Ana', phone: '+5511990000001' },
        { name: 'Bo', phone: '+5511990000002' },
      ],
    });
    tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: 'acme' })).id;
    ana = await resolveUser(orm, tenantId, '+5511990000001');
    bo = await resolveUser(orm, tenantId, '+5511990000002');
    await inTenant(orm, tenantId, async (em) => {
      for (const [user, peer] of [
        [ana, '5511990000001'],
        [bo, '5511990000002'],
      ] as const) {
        const task = await createTask(em, { tenantId, userId: user }, { title: `${peer} task` });
        em.create(Reminder, {
          tenant: tenantId,
          user,
          task: task.id,
          remindAt: new Date(Date.now() + 3600_000),
        });
        const contact = await em.findOneOrFail(WhatsAppContact, { user });
        for (const [direction, linked] of [
          ['in', true],
          ['out', false], // a reply recorded by peer only
        ] as const) {
          em.create(WhatsAppMessage, {
            tenant: tenantId,
            direction,
            wamid: `wamid.${peer}.${direction}`,
            peer,
            contact: linked ? contact.id : null,
            type: 'text',
            body: { type: 'text', text: { body: `hello from ${peer}` } },
            status: 'processed',
            statusHistory: [],
          });
        }
      }
      await em.flush();
    });
    // The assistant's memory as Mastra's PostgreSQL store keeps it (the columns used here).
    const em = orm.em.fork();
    await em.execute('create schema if not exists mastra');
    await em.execute(
      'create table mastra.mastra_threads (id text primary key, "resourceId" text, "createdAt" timestamptz)',
    );
    await em.execute(
      'create table mastra.mastra_messages (id text primary key, thread_id text, "resourceId" text, content text, "createdAt" timestamptz)',
    );
    for (const [user, name] of [
      [ana, 'ana'],
      [bo, 'bo'],
    ] as const) {
      await em.execute('insert into mastra.mastra_threads values (?, ?, now())', [`thread-${name}`, user]);
      await em.execute('insert into mastra.mastra_messages values (?, ?, ?, ?, now())', [
        `m-${name}`,
        `thread-${name}`,
        user,
        `memory of ${name}`,
      ]);
    }
  });
  afterAll(() => orm?.close());

  it('exports everything about one person and nothing about anyone else', async () => {
    const data = await exportUserData(orm, tenantId, ana);
    expect(data.user).toMatchObject({ id: ana, display_name: 'Ana' });
    expect(data.whatsappContacts).toHaveLength(1);
    expect(data.tasks.map((t) => t.title)).toEqual(['5511990000001 task']);
    expect(data.reminders).toHaveLength(1);
    expect(data.messages.map((m) => m.wamid)).toEqual(['wamid.5511990000001.in', 'wamid.5511990000001.out']);
    expect(data.assistantMemory.messages.map((m) => m.content)).toEqual(['memory of ana']);
    expect(JSON.stringify(data)).not.toContain('5511990000002');
  });

  it('erases it all in one go, leaves the others alone, and then finds no such user', async () => {
    const report = await eraseUserData(orm, tenantId, ana);
    expect(report).toEqual({
      user: 1,
      whatsappContacts: 1,
      projects: 0,
      tasks: 1,
      reminders: 1,
      messages: 2,
      assistantThreads: 1,
      assistantMessages: 1,
    });
    await expect(exportUserData(orm, tenantId, ana)).rejects.toThrow('no such user in this tenant');
    const left = await inTenant(orm, tenantId, async (em) => ({
      tasks: await em.count(Task, {}),
      messages: await em.count(WhatsAppMessage, {}),
      reminders: await em.count(Reminder, {}),
    }));
    expect(left).toEqual({ tasks: 1, messages: 2, reminders: 1 });
    expect((await exportUserData(orm, tenantId, bo)).assistantMemory.messages).toHaveLength(1);
  });

  it('is run by admins with `taskline privacy`, which insists on confirmation', async () => {
    const env = { DATABASE_URL: databaseUrl };
    const exported = await runRole(
      'privacy',
      ['export', '--tenant', 'acme', '--user', '+5511990000002'],
      env,
    );
    expect(exported.code, exported.output).toBe(0);
    expect(JSON.parse(exported.output)).toMatchObject({ tenant: 'acme', user: { display_name: 'Bo' } });
    const unconfirmed = await runRole(
      'privacy',
      ['erase', '--tenant', 'acme', '--user', '+5511990000002'],
      env,
    );
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.output).toContain('add --yes to confirm');
    const unknown = await runRole('privacy', ['export', '--tenant', 'acme', '--user', '+5511990000009'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('no user "+5511990000009" in this tenant');
    const erased = await runRole(
      'privacy',
      ['erase', '--tenant', 'acme', '--user', '+5511990000002', '--yes'],
      env,
    );
    expect(erased.code, erased.output).toBe(0);
    expect(JSON.parse(erased.output.trim().split('\n').at(-1)!)).toMatchObject({
      erased: bo,
      tasks: 1,
      messages: 2,
    });
  });
});
