import { words, type Language, type ToolResult, type TurnOutput } from '@taskline/assistant';
import type { MessageContent } from '@taskline/core';
import { text } from './replies.ts';

/**
 * Buttons and lists on the assistant's replies: a choice when a reference matched several tasks, a confirmation
 * before deleting, "Mark done" on a new task and "Undo" on a completed one. Each button id is an action the
 * worker performs directly when tapped (`act:<verb>:<task id>:<language>`), with no language understanding.
 */
export type ActionVerb = 'complete' | 'reopen' | 'delete' | 'keep' | 'confirm-delete';

export const actionId = (verb: ActionVerb, taskId: string, language: Language) =>
  `act:${verb}:${taskId}:${language}`;

const ACTION = /^act:(complete|reopen|delete|keep|confirm-delete):([0-9a-f-]{36}):(en|es|pt)$/;

export function parseAction(id: string): { verb: ActionVerb; taskId: string; language: Language } | null {
  const m = ACTION.exec(id);
  return m ? { verb: m[1] as ActionVerb, taskId: m[2]!, language: m[3] as Language } : null;
}

const clip = (value: string, max: number) => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

export function buttons(body: string, choices: { id: string; title: string }[]): MessageContent {
  return {
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: clip(body, 1024) },
      action: {
        buttons: choices
          .slice(0, 3)
          .map((c) => ({ type: 'reply' as const, reply: { id: c.id, title: clip(c.title, 20) } })),
      },
    },
  };
}

/** The assistant's reply as WhatsApp content: text, or text with the buttons or list its last tool result calls for. */
export function compose(output: TurnOutput, language: Language): MessageContent {
  const body = output.text;
  const last = output.results.at(-1);
  if (!last) return text(body);
  const b = words(language).buttons;
  const result: ToolResult = last.result;
  if (!result.ok) {
    const verb =
      last.tool === 'completeTask' ? 'complete' : last.tool === 'deleteTask' ? 'confirm-delete' : undefined;
    if (result.reason === 'ambiguous' && result.candidates && verb) {
      return {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: clip(body, 4096) },
          action: {
            button: b.choose,
            sections: [
              {
                rows: result.candidates.slice(0, 10).map((t) => ({
                  id: actionId(verb, t.id, language),
                  title: clip(t.title, 24),
                  ...(t.due ? { description: clip(t.due.replace('T', ' '), 72) } : {}),
                })),
              },
            ],
          },
        },
      };
    }
    return text(body);
  }
  const task = result.task;
  if (!task) return text(body);
  switch (result.action) {
    case 'confirm_delete':
      return buttons(body, [
        { id: actionId('delete', task.id, language), title: b.delete },
        { id: actionId('keep', task.id, language), title: b.keep },
      ]);
    case 'created':
      return buttons(body, [{ id: actionId('complete', task.id, language), title: b.done }]);
    case 'completed':
      return buttons(body, [{ id: actionId('reopen', task.id, language), title: b.undo }]);
    default:
      return text(body);
  }
}
