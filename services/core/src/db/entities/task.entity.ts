import { defineEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './columns.ts';
import { Tenant } from './tenant.entity.ts';
import { User } from './user.entity.ts';
import { Project } from './project.entity.ts';
import { tenantScoped } from './tenant-scope.ts';

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TaskSchema = defineEntity({
  name: 'Task',
  tableName: 'tasks',
  ...tenantScoped,
  properties: {
    ...uuidPrimaryKey(),
    tenant: () => p.manyToOne(Tenant).mapToPk().deleteRule('cascade'),
    owner: () => p.manyToOne(User).mapToPk().deleteRule('cascade'),
    project: () => p.manyToOne(Project).mapToPk().nullable().deleteRule('set null'),
    title: p.string().length(500),
    status: p.enum(['open', 'done'] as const).default('open'),
    priority: p.enum(TASK_PRIORITIES).nullable(),
    dueAt: p.datetime().nullable(),
    /** True when the user gave a date without a time. */
    dueAllDay: p.boolean().default(false),
    completedAt: p.datetime().nullable(),
    /** The inbound wamid that created it: a second delivery of that message cannot create it again. */
    sourceWamid: p.string().length(128).nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['tenant', 'owner', 'status'] }],
  uniques: [{ properties: ['tenant', 'sourceWamid'] }],
});
export class Task extends TaskSchema.class {}
TaskSchema.setClass(Task);
