import type { HistoryTurn } from '../agent/offline-model.ts';

const ANAPHOR =
  /^(it|that|this|that one|this one|that task|this task|the last one|the task|eso|esa|ese|esta|este|esa tarea|esta tarea|la última|lo|la|isso|essa|esse|esta|este|essa tarefa|esta tarefa|a última|ela|ele|ella|task|tarea|tarefa|la tarea|a tarefa)$/i;
const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  one: 1,
  primera: 1,
  primero: 1,
  primeira: 1,
  primeiro: 1,
  second: 2,
  '2nd': 2,
  two: 2,
  segunda: 2,
  segundo: 2,
  third: 3,
  '3rd': 3,
  three: 3,
  tercera: 3,
  tercero: 3,
  terceira: 3,
  terceiro: 3,
  fourth: 4,
  '4th': 4,
  four: 4,
  cuarta: 4,
  cuarto: 4,
  quarta: 4,
  quarto: 4,
  fifth: 5,
  '5th': 5,
  five: 5,
  quinta: 5,
  quinto: 5,
};
/** "number two", "el número dos", "a número três": a number said as a word. */
const NUMBER_WORDS: Record<string, number> = {
  uno: 1,
  um: 1,
  dos: 2,
  dois: 2,
  tres: 3,
  três: 3,
  cuatro: 4,
  quatro: 4,
  cinco: 5,
};
const ORDINAL = new RegExp(
  `^(?:the |la |el |a |o )?(?:(${Object.keys(ORDINALS).join('|')}|last|última|ultima|último|ultimo)(?: one| task| tarea| tarefa| item)?|(?:number|número|numero|n[ºo°]|#) ?(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')}|one|two|three|four|five)|(\\d{1,2}))$`,
  'i',
);

/**
 * The title of a list item: a *bold* title at its start ("**Book flights** — Fri 27 Nov"), else the line without
 * its details (`_(due ...)_`, "— Fri 27 Nov", "· viernes 27", "| high").
 */
function itemTitle(item: string): string {
  const line = item.trim();
  const bold = /^~?\*{1,2}([^*\n]+?)\*{1,2}~?(?![\p{L}\d])/u.exec(line);
  if (bold) return bold[1]!.trim();
  return line
    .replace(/\s+_\(.*\)_\s*$/, '')
    .replace(/\s+[—–·|]\s+.*$/, '')
    .replace(/^~(.*)~$/, '$1')
    .replace(/\*/g, '')
    .trim();
}

/** Titles of the numbered list the assistant last showed (`1. title _(due ...)_`). */
function lastList(history: HistoryTurn[]): string[] {
  for (const turn of [...history].reverse()) {
    if (turn.role !== 'assistant') continue;
    const items = [...turn.text.matchAll(/^\s*(\d{1,2})[.)]\s+(.+)$/gm)].map((m) => itemTitle(m[2]!));
    if (items.length > 0) return items;
  }
  return [];
}

/** The task the conversation was last about: a tool's task or title argument, or a *bold* title in a reply. */
function lastTask(history: HistoryTurn[]): string | undefined {
  for (const turn of [...history].reverse()) {
    if (turn.role !== 'assistant') continue;
    const args = turn.tool?.args ?? {};
    const bold = [...turn.text.matchAll(/\*([^*\n]{2,})\*/g)].map((m) => m[1]!);
    for (const key of ['title', 'task']) {
      const value = args[key];
      if (typeof value !== 'string') continue;
      // "I added *order pumpkin puree*" for the title "order pumpkin puree for the pies": the user means what they
      // read, the one bold title when it is the start of the tool's.
      const read =
        bold.length === 1 && bold[0] !== value && value.startsWith(`${bold[0]!} `) ? bold[0] : value;
      return read;
    }
    if (bold.length === 1) return bold[0];
  }
  return undefined;
}

/**
 * Resolves "it", "that", "the second one", "number 3" against the conversation; any other reference is returned
 * as it was said (words of a title).
 */
export function resolveReference(reference: string, history: HistoryTurn[]): string {
  const ref = reference.trim().replace(/[.!?]+$/, '');
  if (ANAPHOR.test(ref)) return lastTask(history) ?? ref;
  const ordinal = ORDINAL.exec(ref);
  if (ordinal) {
    const items = lastList(history);
    if (items.length === 0) return ref;
    const word = ordinal[1]?.toLowerCase();
    const said = ordinal[2]?.toLowerCase();
    const index =
      word && /^(last|última|ultima|último|ultimo)$/.test(word)
        ? items.length
        : Number(
            (said && (NUMBER_WORDS[said] ?? ORDINALS[said])) ?? said ?? ordinal[3] ?? ORDINALS[word ?? ''],
          );
    return items[index - 1] ?? ref;
  }
  return ref;
}

/**
 * "the landlord one", "la del banco", "a do mercado": the one item of the list last shown whose title holds these
 * words; the words as they were said when no list, or more than one item, holds them.
 */
export function namedItem(words: string, history: HistoryTurn[]): string {
  const wanted = words.toLowerCase().split(/\s+/).filter(Boolean);
  const holds = (item: string) => {
    const have = item.toLowerCase().split(/[^\p{L}\d]+/u);
    return wanted.every((w) => have.includes(w));
  };
  const found = lastList(history).filter(holds);
  return found.length === 1 ? found[0]! : words;
}

/** The task the conversation was last about and its due time, when a tool said both ("17:00 today"). */
export function lastDueTime(history: HistoryTurn[]): { task: string; due: string } | undefined {
  const last = lastDue(history);
  return last && /T\d\d:\d\d/.test(last.due) ? last : undefined;
}

/** The task the conversation was last about and its due date or time, when a tool said both. */
export function lastDue(history: HistoryTurn[]): { task: string; due: string } | undefined {
  for (const turn of [...history].reverse()) {
    if (turn.role !== 'assistant') continue;
    const args = turn.tool?.args ?? {};
    const task = typeof args.title === 'string' ? args.title : args.task;
    if (typeof task !== 'string') continue;
    return typeof args.due === 'string' ? { task, due: args.due } : undefined;
  }
  return undefined;
}

/** The tool the assistant last called, with its arguments. */
export function lastTool(
  history: HistoryTurn[],
): { name: string; args: Record<string, unknown> } | undefined {
  for (const turn of [...history].reverse()) if (turn.role === 'assistant' && turn.tool) return turn.tool;
  return undefined;
}
