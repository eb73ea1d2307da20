import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
import {
  TASK_PRIORITIES,
  createTask,
  ensureProject,
  findProject,
  findTask,
  fromLocal,
  listProjects,
  listTasks,
  setReminder,
  updateTask,
  type Project,
  type TaskPriority,
  type Task,
} from '@taskline/core';
import { turnOf, type TurnContext } from './turn-context.ts';
import { inSpan } from '@taskline/core';
import { viewOf, type TaskView } from './task-view.ts';
import { memoJsonSchema } from './schema-memo.ts';

/**
 * The assistant's tools, exactly DESIGN.md §6. The offline model and any LLM call the same tools; each acts
 * through the tenant-scoped task operations inside the worker's transaction and returns a small JSON result
 * that the model turns into the reply.
 */
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'a local date YYYY-MM-DD or date and time YYYY-MM-DDTHH:mm');
const priority = z.enum(TASK_PRIORITIES);
const taskRef = z
  .string()
  .min(1)
  .describe('words from the task title, or the title resolved from the conversation');

/** Each tool call is a span of the message's trace (its SQL queries are its children). */
type ToolObserver = (tool: string, seconds: number, ok: boolean) => void;
let observer: ToolObserver | undefined;

/** Lets the worker time every tool call (its metrics); the assistant itself owns no registry. */
export function observeTools(observe: ToolObserver): void {
  observer = observe;
}

const traced = (name: string, work: () => Promise<ToolResult>): Promise<ToolResult> =>
  inSpan(`tool.${name}`, { attributes: { 'gen_ai.tool.name': name } }, async (span) => {
    const started = performance.now();
    let ok = false;
    try {
      const result = await work();
      ok = result.ok;
      span.setAttribute('taskline.tool.ok', result.ok);
      return result;
    } finally {
      observer?.(name, (performance.now() - started) / 1000, ok);
    }
  });

export type ToolResult =
  | { ok: true; action: string; task?: TaskView; tasks?: TaskView[]; projects?: string[]; remindAt?: string }
  | { ok: false; reason: 'not_found' | 'ambiguous' | 'invalid'; message: string; candidates?: TaskView[] };

async function projectsById(turn: TurnContext): Promise<Map<string, Project>> {
  return new Map((await listProjects(turn.em, turn.owner)).map((p) => [p.id, p]));
}

async function resolve(turn: TurnContext, reference: string, status: 'open' | 'done' | 'all' = 'open') {
  const match = await findTask(turn.em, turn.owner, reference, status);
  if (match.kind === 'found' || status === 'all') return match;
  return match.kind === 'none' ? findTask(turn.em, turn.owner, reference, 'all') : match;
}

function notFound(reference: string): ToolResult {
  return { ok: false, reason: 'not_found', message: `no task matches "${reference}"` };
}

function ambiguous(candidates: Task[], turn: TurnContext): ToolResult {
  return {
    ok: false,
    reason: 'ambiguous',
    message: 'several tasks match',
    candidates: candidates.map((t) => viewOf(t, turn.timezone)),
  };
}

/** Creates a task (its project made when new) and its reminder, as one tool result. */
async function createWithReminder(
  turn: TurnContext,
  input: { title: string; due?: string; priority?: TaskPriority; project?: string; remindAt?: string },
): Promise<ToolResult> {
  const due = input.due ? fromLocal(input.due, turn.timezone) : undefined;
  const project = input.project
    ? (await ensureProject(turn.em, turn.owner, input.project)).project
    : undefined;
  const task = await createTask(turn.em, turn.owner, {
    title: input.title,
    ...(input.priority ? { priority: input.priority } : {}),
    ...(due ? { dueAt: due.instant, dueAllDay: due.allDay } : {}),
    ...(project ? { projectId: project.id } : {}),
    ...(turn.sourceWamid ? { sourceWamid: turn.sourceWamid } : {}),
  });
  if (input.remindAt) {
    await setReminder(turn.em, turn.owner, {
      taskId: task.id,
      remindAt: fromLocal(input.remindAt, turn.timezone).instant,
    });
  }
  const projects = project ? new Map([[project.id, project]]) : undefined;
  return {
    ok: true,
    action: 'created',
    task: viewOf(task, turn.timezone, projects),
    ...(input.remindAt ? { remindAt: input.remindAt } : {}),
  };
}

export const createTaskTool = createTool({
  id: 'createTask',
  description: 'Create a task for the user.',
  inputSchema: memoJsonSchema(
    z.object({
      title: z.string().min(1).max(500),
      due: localDate.optional(),
      priority: priority.optional(),
      project: z.string().min(1).max(200).optional(),
      remindAt: localDate.optional(),
    }),
  ),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('createTask', () => createWithReminder(turnOf(ctx?.requestContext), input)),
});

export const listTasksTool = createTool({
  id: 'listTasks',
  description: "List the user's tasks, optionally filtered.",
  inputSchema: memoJsonSchema(
    z.object({
      status: z.enum(['open', 'done', 'all']).optional(),
      priority: priority.optional(),
      project: z.string().optional(),
      dueFrom: localDate.optional(),
      dueTo: localDate.optional(),
      overdue: z.boolean().optional(),
      search: z.string().optional(),
    }),
  ),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('listTasks', async () => {
      const turn = turnOf(ctx?.requestContext);
      const project = input.project ? await findProject(turn.em, turn.owner, input.project) : null;
      if (input.project && !project) return { ok: true, action: 'listed', tasks: [] };
      const dueTo = input.dueTo ? fromLocal(input.dueTo.slice(0, 10), turn.timezone).instant : undefined;
      const tasks = await listTasks(turn.em, turn.owner, {
        status: input.status ?? 'open',
        ...(input.priority ? { priority: input.priority } : {}),
        ...(project ? { projectId: project.id } : {}),
        ...(input.dueFrom ? { dueFrom: fromLocal(input.dueFrom.slice(0, 10), turn.timezone).instant } : {}),
        ...(dueTo ? { dueBefore: new Date(dueTo.getTime() + 24 * 3600_000) } : {}),
        ...(input.overdue ? { overdue: true } : {}),
        ...(input.search ? { search: input.search } : {}),
        limit: 20,
      });
      const projects = await projectsById(turn);
      return { ok: true, action: 'listed', tasks: tasks.map((t) => viewOf(t, turn.timezone, projects)) };
    }),
});

export const completeTaskTool = createTool({
  id: 'completeTask',
  description: 'Mark one of the user’s tasks as done.',
  inputSchema: memoJsonSchema(z.object({ task: taskRef })),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('completeTask', async () => {
      const turn = turnOf(ctx?.requestContext);
      const match = await resolve(turn, input.task);
      if (match.kind === 'none') return notFound(input.task);
      if (match.kind === 'ambiguous') return ambiguous(match.candidates, turn);
      const already = match.task.status === 'done';
      if (!already) await updateTask(turn.em, match.task, { status: 'done' });
      return {
        ok: true,
        action: already ? 'already_done' : 'completed',
        task: viewOf(match.task, turn.timezone),
      };
    }),
});

export const updateTaskTool = createTool({
  id: 'updateTask',
  description: 'Change the title, due date, priority or project of a task.',
  inputSchema: memoJsonSchema(
    z.object({
      task: taskRef,
      title: z.string().min(1).max(500).optional(),
      due: localDate.optional(),
      priority: priority.optional(),
      project: z.string().min(1).max(200).optional(),
    }),
  ),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('updateTask', async () => {
      const turn = turnOf(ctx?.requestContext);
      const match = await resolve(turn, input.task, 'all');
      if (match.kind === 'none') return notFound(input.task);
      if (match.kind === 'ambiguous') return ambiguous(match.candidates, turn);
      const due = input.due ? fromLocal(input.due, turn.timezone) : undefined;
      const project = input.project
        ? (await ensureProject(turn.em, turn.owner, input.project)).project
        : undefined;
      await updateTask(turn.em, match.task, {
        ...(input.title ? { title: input.title } : {}),
        ...(input.priority ? { priority: input.priority } : {}),
        ...(due ? { dueAt: due.instant, dueAllDay: due.allDay } : {}),
        ...(project ? { projectId: project.id } : {}),
      });
      return {
        ok: true,
        action: 'updated',
        task: viewOf(match.task, turn.timezone, await projectsById(turn)),
      };
    }),
});

export const deleteTaskTool = createTool({
  id: 'deleteTask',
  description: 'Delete one of the user’s tasks (the user confirms with a button before it is gone).',
  inputSchema: memoJsonSchema(z.object({ task: taskRef })),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('deleteTask', async () => {
      const turn = turnOf(ctx?.requestContext);
      const match = await resolve(turn, input.task, 'all');
      if (match.kind === 'none') return notFound(input.task);
      if (match.kind === 'ambiguous') return ambiguous(match.candidates, turn);
      // Deleting cannot be undone: the reply asks first, and the "Delete" button deletes (see the worker's actions).
      return { ok: true, action: 'confirm_delete', task: viewOf(match.task, turn.timezone) };
    }),
});

export const setReminderTool = createTool({
  id: 'setReminder',
  description:
    'Remind the user about a task at a local date and time; "remind me to X" with no open task X creates X.',
  inputSchema: memoJsonSchema(z.object({ task: taskRef, remindAt: localDate })),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('setReminder', async () => {
      const turn = turnOf(ctx?.requestContext);
      const match = await findTask(turn.em, turn.owner, input.task, 'open');
      // "remind me to call the pharmacy at 4" names something to do, not (yet) a task: it becomes one.
      if (match.kind === 'none')
        return createWithReminder(turn, { title: input.task, remindAt: input.remindAt });
      if (match.kind === 'ambiguous') return ambiguous(match.candidates, turn);
      const at = fromLocal(input.remindAt, turn.timezone);
      await setReminder(turn.em, turn.owner, { taskId: match.task.id, remindAt: at.instant });
      return {
        ok: true,
        action: 'reminder_set',
        task: viewOf(match.task, turn.timezone),
        remindAt: input.remindAt,
      };
    }),
});

export const listProjectsTool = createTool({
  id: 'listProjects',
  description: "List the user's projects.",
  inputSchema: memoJsonSchema(z.object({})),
  execute: (_input, ctx): Promise<ToolResult> =>
    traced('listProjects', async () => {
      const turn = turnOf(ctx?.requestContext);
      return {
        ok: true,
        action: 'projects',
        projects: (await listProjects(turn.em, turn.owner)).map((p) => p.name),
      };
    }),
});

export const createProjectTool = createTool({
  id: 'createProject',
  description: 'Create a project to group tasks.',
  inputSchema: memoJsonSchema(z.object({ name: z.string().min(1).max(200) })),
  execute: (input, ctx): Promise<ToolResult> =>
    traced('createProject', async () => {
      const turn = turnOf(ctx?.requestContext);
      const { project, created } = await ensureProject(turn.em, turn.owner, input.name);
      return { ok: true, action: created ? 'project_created' : 'project_exists', projects: [project.name] };
    }),
});

export const helpTool = createTool({
  id: 'help',
  description: 'Explain what the assistant can do.',
  inputSchema: memoJsonSchema(z.object({})),
  execute: (): Promise<ToolResult> => Promise.resolve({ ok: true, action: 'help' }),
});

export const TOOLS = {
  createTask: createTaskTool,
  listTasks: listTasksTool,
  completeTask: completeTaskTool,
  updateTask: updateTaskTool,
  deleteTask: deleteTaskTool,
  setReminder: setReminderTool,
  listProjects: listProjectsTool,
  createProject: createProjectTool,
  help: helpTool,
};
