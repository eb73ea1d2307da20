import {
  completeTask,
  createTask,
  listTasks,
  type EntityManager,
  type InboundEvent,
  type MessageContent,
  type Task,
  type TaskOwner,
} from '@taskline/core';
import { replies, text } from './replies.ts';

/**
 * A small command handler that stands in for the assistant until it lands (issue 3). It understands a few
 * English phrasings and acts only through the task operations the agent's tools will call.
 */
export async function handleCommand(
  em: EntityManager,
  owner: TaskOwner,
  event: InboundEvent,
  displayName?: string,
): Promise<MessageContent> {
  const input = (event.text ?? event.reply?.title ?? '').trim();
  if (event.type !== 'text' && !event.reply) return replies.unreadable(event.type);
  const command = parseCommand(input);
  switch (command.kind) {
    case 'create': {
      const task = await createTask(em, owner, { title: command.title, sourceWamid: event.wamid });
      return text(`✅ Created *${task.title}*.`);
    }
    case 'list':
      return formatList(await listTasks(em, owner, { status: 'open', limit: 20 }));
    case 'complete': {
      const result = await completeTask(em, owner, command.reference);
      switch (result.kind) {
        case 'found':
          return text(`🎉 Marked *${result.task.title}* as done.`);
        case 'already_done':
          return text(`*${result.task.title}* was already done.`);
        case 'none':
          return text(`I couldn't find an open task matching "${command.reference}".`);
        case 'ambiguous':
          return text(
            `Which one do you mean?\n${result.candidates.map((t, i) => `${i + 1}. ${t.title}`).join('\n')}`,
          );
      }
      break;
    }
    case 'greeting':
      return replies.greeting(displayName);
    case 'thanks':
      return replies.thanks();
    case 'help':
      return replies.help();
    case 'unknown':
      return replies.notUnderstood();
  }
}

export type Command =
  | { kind: 'create'; title: string }
  | { kind: 'list' }
  | { kind: 'complete'; reference: string }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'help' }
  | { kind: 'unknown' };

const CREATE =
  /^(?:please\s+)?(?:create|add|new|make)\s+(?:a\s+|an\s+)?(?:new\s+)?task\s*(?:to|called|named|:|-)?\s+(.+)$/i;
const REMIND = /^(?:please\s+)?remind\s+me\s+to\s+(.+)$/i;
const LIST =
  /^(?:list|show)(?:\s+me)?(?:\s+my)?(?:\s+open)?\s+tasks\b|^(?:what(?:'s| is| are)\s+(?:due|my tasks|on my list))|^(?:my\s+)?tasks\??$/i;
const COMPLETE =
  /^(?:please\s+)?(?:mark|set)\s+(?:the\s+)?(.+?)(?:\s+task)?\s+(?:as\s+)?(?:complete|completed|done|finished)\.?$|^(?:complete|finish|done with|i finished|i did)\s+(?:the\s+)?(.+?)(?:\s+task)?\.?$/i;
const GREETING = /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|hola|ol[aá]|oi)\b/i;
const THANKS = /^(?:thanks|thank you|thx|gracias|obrigad[oa])\b/i;
const HELP_WORDS = /^(?:help|\?|menu|ayuda|ajuda)\b/i;

export function parseCommand(input: string): Command {
  const line = input.replace(/\s+/g, ' ').trim();
  const create = CREATE.exec(line) ?? REMIND.exec(line);
  if (create) return { kind: 'create', title: stripEnd(create[1]!) };
  const complete = COMPLETE.exec(line);
  if (complete) return { kind: 'complete', reference: stripEnd(complete[1] ?? complete[2]!) };
  if (LIST.test(line)) return { kind: 'list' };
  if (THANKS.test(line)) return { kind: 'thanks' };
  if (GREETING.test(line)) return { kind: 'greeting' };
  if (HELP_WORDS.test(line)) return { kind: 'help' };
  return { kind: 'unknown' };
}

function stripEnd(value: string): string {
  return value.replace(/[.!?\s]+$/, '').trim();
}

function formatList(tasks: Task[]): MessageContent {
  if (tasks.length === 0) return text('You have no open tasks. 🎉');
  const lines = tasks.map((t, i) => `${i + 1}. ${t.title}${t.priority ? ` _(${t.priority})_` : ''}`);
  return text(`*Your open tasks* (${tasks.length}):\n${lines.join('\n')}`);
}
