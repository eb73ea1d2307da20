import { toLocal, type Project, type Task } from '@taskline/core';

/** A task as the model sees it in tool results: local wall-clock dates, names instead of ids. */
export interface TaskView {
  title: string;
  status: 'open' | 'done';
  due?: string;
  priority?: string;
  project?: string;
}

export function viewOf(task: Task, timezone: string, projects: Map<string, Project> = new Map()): TaskView {
  return {
    title: task.title,
    status: task.status,
    ...(task.dueAt ? { due: toLocal(task.dueAt, timezone, task.dueAllDay) } : {}),
    ...(task.priority ? { priority: task.priority } : {}),
    ...(task.project && projects.get(task.project) ? { project: projects.get(task.project)!.name } : {}),
  };
}
