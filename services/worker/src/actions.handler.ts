import { words } from '@taskline/assistant';
import {
  Task,
  deleteTask,
  updateTask,
  type EntityManager,
  type MessageContent,
  type TaskOwner,
} from '@taskline/core';
import { actionId, buttons, parseAction } from './interactive.ts';
import { text } from './replies.ts';

/**
 * Performs the action of a tapped button or list row (see interactive.ts) on the user's own task. Returns null
 * when the id is not one of ours, so the tap is read as text instead.
 */
export async function handleAction(
  em: EntityManager,
  owner: TaskOwner,
  id: string,
): Promise<MessageContent | null> {
  const action = parseAction(id);
  if (!action) return null;
  const w = words(action.language);
  const task = await em.findOne(Task, { id: action.taskId, tenant: owner.tenantId, owner: owner.userId });
  if (!task) return text(w.notFound(''));
  switch (action.verb) {
    case 'complete':
      if (task.status !== 'done') await updateTask(em, task, { status: 'done' });
      return buttons(w.completed(task.title), [
        { id: actionId('reopen', task.id, action.language), title: w.buttons.undo },
      ]);
    case 'reopen':
      await updateTask(em, task, { status: 'open' });
      return text(w.reopened(task.title));
    case 'confirm-delete':
      return buttons(w.confirmDelete(task.title), [
        { id: actionId('delete', task.id, action.language), title: w.buttons.delete },
        { id: actionId('keep', task.id, action.language), title: w.buttons.keep },
      ]);
    case 'delete': {
      const title = task.title;
      await deleteTask(em, task);
      return text(w.deleted(title));
    }
    case 'keep':
      return text(w.kept(task.title));
  }
}
