import { z } from 'zod';
import { AppError, TASK_PRIORITIES, Task, User, createTask, inTenant, updateTask } from '@taskline/core';
import { audit } from '../audit.ts';
import { principalOf, tenantFor } from '../context.ts';
import { cursorQuery, decodeCursor, encodeCursor, isoDate, tenantParams, type Routes } from './types.ts';

const taskView = (task: Task) => ({
  id: task.id,
  ownerId: task.owner,
  projectId: task.project ?? null,
  title: task.title,
  status: task.status,
  priority: task.priority ?? null,
  dueAt: task.dueAt?.toISOString() ?? null,
  dueAllDay: task.dueAllDay,
  completedAt: task.completedAt?.toISOString() ?? null,
  createdAt: task.createdAt.toISOString(),
});

/** Users, projects and tasks: read for the console, create/update for integrations. */
export const taskRoutes: Routes = (api, ctx) => {
  api.get(
    '/tenants/:tenant/users',
    { schema: { tags: ['tasks'], summary: "The tenant's platform users", params: tenantParams } },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const items = await inTenant(ctx.orm, tenant.id, (em) =>
        em.execute(
          `select id, display_name as "displayName", email, timezone, language, status, created_at as "createdAt"
           from users where tenant_id = ? order by lower(display_name) limit 5000`,
          [tenant.id],
        ),
      );
      return { items };
    },
  );

  api.get(
    '/tenants/:tenant/projects',
    { schema: { tags: ['tasks'], summary: "The tenant's projects with task counts", params: tenantParams } },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const items = await inTenant(ctx.orm, tenant.id, (em) =>
        em.execute(
          `select p.id, p.name, p.owner_id as "ownerId", count(t.id) filter (where t.status = 'open') as open,
                  count(t.id) filter (where t.status = 'done') as done
           from projects p left join tasks t on t.project_id = p.id
           where p.tenant_id = ? group by p.id order by lower(p.name) limit 5000`,
          [tenant.id],
        ),
      );
      return { items };
    },
  );

  api.get(
    '/tenants/:tenant/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks, newest first, paginated by cursor',
        params: tenantParams,
        querystring: z.object({
          status: z.enum(['open', 'done']).optional(),
          owner: z.uuid().optional(),
          project: z.uuid().optional(),
          ...cursorQuery,
        }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'read');
      const { status, owner, project, limit } = request.query;
      const after = decodeCursor(request.query.cursor);
      const tasks = await inTenant(ctx.orm, tenant.id, (em) =>
        em.find(
          Task,
          {
            tenant: tenant.id,
            ...(status ? { status } : {}),
            ...(owner ? { owner } : {}),
            ...(project ? { project } : {}),
            ...(after
              ? {
                  $or: [
                    { createdAt: { $lt: new Date(after.at) } },
                    { createdAt: new Date(after.at), id: { $lt: after.id } },
                  ],
                }
              : {}),
          },
          { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
        ),
      );
      const page = tasks.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(taskView),
        nextCursor: tasks.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
      };
    },
  );

  api.post(
    '/tenants/:tenant/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task for a user',
        params: tenantParams,
        body: z.object({
          ownerId: z.uuid(),
          title: z.string().trim().min(1).max(500),
          priority: z.enum(TASK_PRIORITIES).optional(),
          dueAt: isoDate.optional(),
          projectId: z.uuid().optional(),
        }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const body = request.body;
      const task = await inTenant(ctx.orm, tenant.id, async (em) => {
        if (!(await em.findOne(User, { id: body.ownerId })))
          throw new AppError('BAD_REQUEST', 'ownerId: no such user in this tenant');
        return createTask(
          em,
          { tenantId: tenant.id, userId: body.ownerId },
          {
            title: body.title,
            ...(body.priority ? { priority: body.priority } : {}),
            ...(body.dueAt ? { dueAt: new Date(body.dueAt) } : {}),
            ...(body.projectId ? { projectId: body.projectId } : {}),
          },
        );
      });
      await audit(ctx.orm, request, principalOf(request), {
        action: 'task.create',
        outcome: 'success',
        tenantId: tenant.id,
        target: `task:${task.id}`,
      });
      return reply.code(201).send(taskView(task));
    },
  );

  api.patch(
    '/tenants/:tenant/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change a task (title, status, priority, due date)',
        params: tenantParams.extend({ id: z.uuid() }),
        body: z.object({
          title: z.string().trim().min(1).max(500).optional(),
          status: z.enum(['open', 'done']).optional(),
          priority: z.enum(TASK_PRIORITIES).nullable().optional(),
          dueAt: isoDate.nullable().optional(),
        }),
      },
    },
    async (request) => {
      const tenant = await tenantFor(ctx, request, 'write');
      const body = request.body;
      const task = await inTenant(ctx.orm, tenant.id, async (em) => {
        const found = await em.findOne(Task, { id: request.params.id });
        if (!found) throw new AppError('NOT_FOUND', 'no such task in this tenant');
        return updateTask(em, found, {
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.priority !== undefined ? { priority: body.priority } : {}),
          ...(body.dueAt !== undefined ? { dueAt: body.dueAt ? new Date(body.dueAt) : null } : {}),
        });
      });
      await audit(ctx.orm, request, principalOf(request), {
        action: 'task.update',
        outcome: 'success',
        tenantId: tenant.id,
        target: `task:${task.id}`,
        details: { fields: Object.keys(body) },
      });
      return taskView(task);
    },
  );
};
