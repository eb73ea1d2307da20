import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '@mastra/pg';
import {
  Reminder,
  Task,
  generateKeyEntry,
  inTenant,
  parseKeyring,
  useKeyring,
  type MikroORM,
} from '@taskline/core';
import { seededOwner } from '../../../../test/support/services.ts';
import { understand } from '../understanding/understand.ts';
import { Assistant } from './assistant.ts';
import { chooseModel } from './model-config.ts';
import { grantMemoryWrites, memoryInTransaction } from './memory-in-transaction.ts';
import { sealMemory } from './sealed-memory.ts';

/**
 * The offline model through the real Mastra agent, its tools on PostgreSQL and memory in PostgreSQL, encrypted at rest
 * and written in the message's transaction as in the worker: references such as "mark it as done" resolve from the
 * memory Mastra reads back.
 */
describe('a conversation with the offline assistant', () => {
  let orm: MikroORM;
  let storage: PostgresStore;
  let assistant: Assistant;
  let owner: { tenantId: string; userId: string };
  let turnNo = 0;
  const say = (text: string) =>
    inTenant(orm, owner.tenantId, (em) =>
      assistant.reply({
        text,
        turn: {
          em,
          owner,
          timezone: 'Europe/Madrid',
          now: new Date('2026-11-24T08:00:00Z'),
          sourceWamid: `wamid.offline-${++turnNo}`,
        },
        resourceId: owner.userId,
        threadId: `whatsapp:acme:${owner.userId}`,
      }),
    );
  const titles = async (status?: 'open' | 'done') =>
    (
      await inTenant(orm, owner.tenantId, (em) =>
        em.find(Task, status ? { status } : {}, { orderBy: { createdAt: 'asc' } }),
      )
    ).map((t) => t.title);

  beforeAll(async () => {
    const seeded = await seededOwner('assistant_offline');
    ({ orm, owner } = seeded);
    const databaseUrl = seeded.databaseUrl;
    useKeyring(parseKeyring(generateKeyEntry('memory')));
    storage = sealMemory(
      memoryInTransaction(
        new PostgresStore({
          id: 'taskline-memory-offline',
          connectionString: databaseUrl,
          schemaName: 'mastra',
        }),
        'mastra',
      ),
    );
    await storage.init();
    await orm.em.fork().transactional((em) => grantMemoryWrites(em, 'mastra'));
    assistant = new Assistant({ model: chooseModel({}), understand, storage });
  });
  afterAll(async () => {
    useKeyring(parseKeyring(undefined));
    await storage?.close();
    await orm?.close();
  });

  it('creates, refers back, lists, completes and asks before deleting by position, replying like a person', async () => {
    const created = await say('Create a task to review the quarterly reports by Friday');
    expect(created.toolCalls).toEqual([
      { name: 'createTask', args: { title: 'review the quarterly reports', due: '2026-11-27' } },
    ]);
    expect(created.text).toBe('✅ Created *review the quarterly reports* (due Fri, Nov 27).');

    const done = await say('mark it as done');
    expect(done.toolCalls).toEqual([
      { name: 'completeTask', args: { task: 'review the quarterly reports' } },
    ]);
    expect(await titles('done')).toEqual(['review the quarterly reports']);

    await say('add a task to call the bank');
    await say('add a task to pay the rent');
    const list = await say('list my tasks');
    expect(list.text).toBe('*Your tasks* (2):\n1. call the bank\n2. pay the rent');

    const deleting = await say('delete the second one');
    expect(deleting.toolCalls).toEqual([{ name: 'deleteTask', args: { task: 'pay the rent' } }]);
    // Deleting asks first: the worker shows the Delete / Keep buttons for this result.
    expect(deleting.text).toBe('Delete *pay the rent*? This can’t be undone.');
    expect(deleting.results[0]?.result).toMatchObject({
      ok: true,
      action: 'confirm_delete',
      task: { title: 'pay the rent' },
    });
    expect(await titles('open')).toEqual(['call the bank', 'pay the rent']);

    const outside = await say("what's the weather like?");
    expect(outside.toolCalls).toEqual([]);
    expect(outside.text).toMatch(/only help with tasks/);
  });

  it('sets a reminder on the task named, and makes the task when there is none', async () => {
    const reminders = () =>
      inTenant(orm, owner.tenantId, (em) => em.find(Reminder, {}, { orderBy: { remindAt: 'asc' } }));
    const before = (await reminders()).length;
    const fresh = await say('remind me to call the pharmacy at 4pm');
    expect(fresh.toolCalls).toEqual([
      { name: 'createTask', args: { title: 'call the pharmacy', remindAt: '2026-11-24T16:00' } },
    ]);
    const again = await say('remind me about the pharmacy tomorrow at 9');
    expect(again.toolCalls).toEqual([
      { name: 'setReminder', args: { task: 'pharmacy', remindAt: '2026-11-25T09:00' } },
    ]);
    expect(again.results[0]?.result).toMatchObject({ ok: true, action: 'reminder_set' });
    expect((await titles('open')).filter((t) => t.includes('pharmacy'))).toEqual(['call the pharmacy']);
    // No open task by that name: setReminder (an LLM may call it so too) makes it, with its reminder.
    const unknown = await say('remind me about the vet visit on friday at 10');
    expect(unknown.toolCalls).toEqual([
      { name: 'setReminder', args: { task: 'vet visit', remindAt: '2026-11-27T10:00' } },
    ]);
    expect(unknown.results[0]?.result).toMatchObject({
      ok: true,
      action: 'created',
      remindAt: '2026-11-27T10:00',
    });
    expect(await titles('open')).toContain('vet visit');
    const set = (await reminders()).slice(before).map((r) => r.remindAt.toISOString());
    // Madrid is UTC+1 in November.
    expect(set).toEqual(['2026-11-24T15:00:00.000Z', '2026-11-25T08:00:00.000Z', '2026-11-27T09:00:00.000Z']);
  });

  it('answers in Spanish and Portuguese', async () => {
    expect((await say('crea una tarea para comprar leche')).text).toBe('✅ Creé *comprar leche*.');
    expect((await say('quais são minhas tarefas?')).text).toMatch(/^\*Suas tarefas\* \(\d\):/);
  });

  it('keeps the conversation memory sealed in its table', async () => {
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<{ content: string }[]>('select content::text as content from mastra.mastra_messages');
    expect(rows.length).toBeGreaterThan(4);
    const all = rows.map((r) => r.content).join('\n');
    expect(all).not.toMatch(/quarterly|call the bank|pay the rent/);
    expect(all).toContain('sealed:v1:memory:');
  });
});
