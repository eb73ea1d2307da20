import { toLocal, type Project, type Task } from '@taskline/core';

/** A task as tool results show it: local wall-clock dates, project names; the id lets replies carry buttons. */
export interface TaskView {
  id: string;
  title: string;
  status: 'open' | 'done';
  due?: string;
  priority?: string;
  project?: string;
}

export function viewOf(task: Task, timezone: string, projects: Map<string, Project> = new Map()): TaskView {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    ...(task.dueAt ? { due: toLocal(task.dueAt, timezone, task.dueAllDay) } : {}),
    ...(task.priority ? { priority: task.priority } : {}),
    ...(task.project && projects.get(task.project) ? { project: projects.get(task.project)!.name } : {}),
  };
}
