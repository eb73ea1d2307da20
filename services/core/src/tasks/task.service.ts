import type { EntityManager } from '@mikro-orm/postgresql';
import { Task, type TaskPriority } from '../db/entities.ts';

/**
 * The tenant-scoped task operations. The worker's command handler and the assistant's tools both act through
 * these functions, inside a transaction opened by `inTenant`, so row-level security confines them to one tenant.
 */
export interface TaskOwner {
  tenantId: string;
  userId: string;
}

export interface NewTask {
  title: string;
  priority?: TaskPriority;
  dueAt?: Date;
  dueAllDay?: boolean;
  projectId?: string;
  /** The inbound message that asked for it; a redelivered message returns the task it created the first time. */
  sourceWamid?: string;
}

export async function createTask(em: EntityManager, owner: TaskOwner, input: NewTask): Promise<Task> {
  const title = input.title.trim();
  if (title.length === 0 || title.length > 500)
    throw new RangeError('a task title must have 1 to 500 characters');
  if (input.sourceWamid) {
    const existing = await em.findOne(Task, { tenant: owner.tenantId, sourceWamid: input.sourceWamid });
    if (existing) return existing;
  }
  const task = em.create(Task, {
    tenant: owner.tenantId,
    owner: owner.userId,
    title,
    priority: input.priority ?? null,
    dueAt: input.dueAt ?? null,
    dueAllDay: input.dueAllDay ?? false,
    project: input.projectId ?? null,
    sourceWamid: input.sourceWamid ?? null,
  });
  await em.flush();
  return task;
}

export interface TaskQuery {
  status?: 'open' | 'done' | 'all';
  search?: string;
  priority?: TaskPriority;
  projectId?: string;
  /** Due on or after this instant. */
  dueFrom?: Date;
  /** Due before this instant. */
  dueBefore?: Date;
  /** Open and due before now. */
  overdue?: boolean;
  limit?: number;
}

export async function listTasks(em: EntityManager, owner: TaskOwner, query: TaskQuery = {}): Promise<Task[]> {
  const status = query.status ?? 'open';
  const words = searchWords(query.search ?? '');
  return em.find(
    Task,
    {
      tenant: owner.tenantId,
      owner: owner.userId,
      ...(status === 'all' ? {} : { status }),
      ...(query.priority ? { priority: query.priority } : {}),
      ...(query.projectId ? { project: query.projectId } : {}),
      ...(query.overdue ? { status: 'open' as const, dueAt: { $lt: new Date() } } : {}),
      ...(query.dueFrom || query.dueBefore
        ? {
            dueAt: {
              ...(query.dueFrom ? { $gte: query.dueFrom } : {}),
              ...(query.dueBefore ? { $lt: query.dueBefore } : {}),
            },
          }
        : {}),
      ...(words.length > 0 ? { $and: words.map((w) => ({ title: { $ilike: `%${escapeLike(w)}%` } })) } : {}),
    },
    { orderBy: [{ dueAt: 'asc nulls last' }, { createdAt: 'asc' }], limit: query.limit ?? 50 },
  );
}

export type TaskMatch =
  { kind: 'found'; task: Task } | { kind: 'none' } | { kind: 'ambiguous'; candidates: Task[] };

/**
 * Finds the one task a user means by words of its title. An exact title wins; otherwise every word must appear;
 * several candidates are ambiguous and the caller asks which one.
 */
export async function findTask(
  em: EntityManager,
  owner: TaskOwner,
  reference: string,
  status: 'open' | 'done' | 'all' = 'open',
): Promise<TaskMatch> {
  const candidates = await listTasks(em, owner, { status, search: reference, limit: 10 });
  const normalized = reference.trim().toLowerCase();
  const exact = candidates.filter((t) => t.title.toLowerCase() === normalized);
  const matches = exact.length > 0 ? exact : candidates;
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length === 1) return { kind: 'found', task: matches[0]! };
  return { kind: 'ambiguous', candidates: matches };
}

export type CompleteResult = TaskMatch | { kind: 'already_done'; task: Task };

export async function completeTask(
  em: EntityManager,
  owner: TaskOwner,
  reference: string,
): Promise<CompleteResult> {
  const match = await findTask(em, owner, reference, 'open');
  if (match.kind === 'found') {
    match.task.status = 'done';
    match.task.completedAt = new Date();
    await em.flush();
    return match;
  }
  if (match.kind === 'none') {
    const done = await findTask(em, owner, reference, 'done');
    if (done.kind === 'found') return { kind: 'already_done', task: done.task };
  }
  return match;
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'task', 'to', 'my', 'of', 'for', 'and']);

function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .slice(0, 8);
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface TaskChanges {
  title?: string;
  priority?: TaskPriority | null;
  dueAt?: Date | null;
  dueAllDay?: boolean;
  projectId?: string | null;
  status?: 'open' | 'done';
}

/** Applies changes to one task the owner has; the caller resolved which one. */
export async function updateTask(em: EntityManager, task: Task, changes: TaskChanges): Promise<Task> {
  if (changes.title !== undefined) {
    const title = changes.title.trim();
    if (title.length === 0 || title.length > 500)
      throw new RangeError('a task title must have 1 to 500 characters');
    task.title = title;
  }
  if (changes.priority !== undefined) task.priority = changes.priority;
  if (changes.dueAt !== undefined) task.dueAt = changes.dueAt;
  if (changes.dueAllDay !== undefined) task.dueAllDay = changes.dueAllDay;
  if (changes.projectId !== undefined) task.project = changes.projectId;
  if (changes.status !== undefined) {
    task.status = changes.status;
    task.completedAt = changes.status === 'done' ? new Date() : null;
  }
  await em.flush();
  return task;
}

export async function deleteTask(em: EntityManager, task: Task): Promise<void> {
  em.remove(task);
  await em.flush();
}
