import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reminder, Task, inTenant, type MikroORM } from '@taskline/core';
import { seededOwner } from '../../../test/support/services.ts';
import { applyRoutine, parseRoutine } from './routines.handler.ts';
import { claimDueReminders } from './scheduler/reminder.scheduler.ts';

describe('recurring reminders and the digest said in chat', () => {
  let orm: MikroORM;
  let owner: { tenantId: string; userId: string };
  const tuesday = new Date('2026-11-24T08:00:00Z');

  beforeAll(async () => {
    ({ orm, owner } = await seededOwner('routines'));
  });
  afterAll(async () => {
    await orm?.close();
  });

  it('reads the phrasings in three languages', () => {
    expect(parseRoutine('every Monday at 9 remind me to send the report')).toEqual({
      kind: 'recurring',
      title: 'send the report',
      rule: 'weekly:1@09:00',
    });
    expect(parseRoutine('remind me to water the plants every day at 7pm')).toEqual({
      kind: 'recurring',
      title: 'water the plants',
      rule: 'daily@19:00',
    });
    expect(parseRoutine('cada viernes a las 10 recuérdame pagar la luz')).toEqual({
      kind: 'recurring',
      title: 'pagar la luz',
      rule: 'weekly:5@10:00',
    });
    expect(parseRoutine('send me my tasks every morning at 8')).toEqual({
      kind: 'digest',
      rule: 'daily@08:00',
    });
    expect(parseRoutine('me mande minhas tarefas toda manhã às 7h')).toEqual({
      kind: 'digest',
      rule: 'daily@07:00',
    });
    expect(parseRoutine('stop the digest')).toEqual({ kind: 'no-digest' });
    expect(parseRoutine('remind me to call mom tomorrow')).toBeNull();
  });

  it('creates the task with a weekly reminder that the scheduler sends and re-arms', async () => {
    const said = await inTenant(orm, owner.tenantId, (em) =>
      applyRoutine(
        em,
        owner,
        parseRoutine('every Monday at 9 remind me to send the report')!,
        'Europe/Madrid',
        'en',
        tuesday,
      ),
    );
    expect(said).toBe("🔁 I'll remind you to *send the report* — next on 2026-11-30 09:00.");
    const reminder = await inTenant(orm, owner.tenantId, (em) =>
      em.findOneOrFail(Reminder, { recurrence: 'weekly:1@09:00' }),
    );
    expect(reminder.remindAt.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    const [sent] = await claimDueReminders(orm, owner.tenantId, new Date('2026-11-30T08:00:30Z'));
    expect(sent?.content).toMatchObject({ text: { body: '⏰ Reminder: *send the report*' } });
  });

  it('sends the digest with the open tasks every morning, until told to stop', async () => {
    await inTenant(orm, owner.tenantId, (em) =>
      applyRoutine(em, owner, { kind: 'digest', rule: 'daily@08:00' }, 'UTC', 'en', tuesday),
    );
    const [digest] = await claimDueReminders(orm, owner.tenantId, new Date('2026-11-25T08:00:10Z'));
    const open = await inTenant(orm, owner.tenantId, (em) => em.count(Task, { status: 'open' }));
    expect(digest?.content).toMatchObject({
      text: { body: expect.stringContaining(`*Your open tasks* (${open})`) },
    });
    await inTenant(orm, owner.tenantId, (em) => applyRoutine(em, owner, { kind: 'no-digest' }, 'UTC', 'en'));
    expect(await claimDueReminders(orm, owner.tenantId, new Date('2026-11-26T08:00:10Z'))).toEqual([]);
  });
});
