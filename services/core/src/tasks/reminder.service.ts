import type { EntityManager } from '@mikro-orm/postgresql';
import { Reminder } from '../db/entities.ts';
import type { TaskOwner } from './task.service.ts';

/** Arms a reminder for a task (or a free-standing one); replaces a pending reminder of the same task. */
export async function setReminder(
  em: EntityManager,
  owner: TaskOwner,
  input: { taskId?: string; remindAt: Date; recurrence?: string },
): Promise<Reminder> {
  if (input.taskId) {
    const pending = await em.find(Reminder, {
      tenant: owner.tenantId,
      task: input.taskId,
      status: 'pending',
    });
    for (const r of pending) r.status = 'cancelled';
  }
  const reminder = em.create(Reminder, {
    tenant: owner.tenantId,
    user: owner.userId,
    task: input.taskId ?? null,
    remindAt: input.remindAt,
    recurrence: input.recurrence ?? null,
  });
  await em.flush();
  return reminder;
}
