import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { User } from './user.entity.ts';
import { Task } from './task.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

/**
 * A proactive message to send at `remindAt`. The scheduler claims due rows with `FOR UPDATE SKIP LOCKED`, so
 * several worker replicas send each reminder once. `recurrence` (e.g. `weekly:1@09:00`) re-arms it after sending.
 */
export const ReminderSchema = defineEntity({
  name: 'Reminder',
  tableName: 'reminders',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    user: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    task: () => p.manyToOne(Task).mapToPk().nullable().deleteRule('cascade'),
    remindAt: p.datetime(),
    recurrence: p.string().length(64).nullable(),
    status: p.enum(['pending', 'sent', 'cancelled'] as const).default('pending'),
    sentAt: p.datetime().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['status', 'remindAt'] }],
});
export class Reminder extends ReminderSchema.class {}
ReminderSchema.setClass(Reminder);
