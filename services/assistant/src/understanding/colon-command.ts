import type { Language } from '../agent/render.ts';

/**
 * "adiciona: levar o carro na revisão sábado", "Please add: submit timesheet, due friday, urgent", "sumá a Clientes
 * Córdoba: mandar muestras", "cria no projeto Escritório: renovar o contrato, prioridade alta", "marca para sexta às
 * 9h: reunião de avaliação": a command verb, perhaps where or when, a colon, then the task. Written as the language's
 * "new task ...: X", the form the rules read with every slot.
 */
const COLON_COMMAND =
  /^(?:please\s+|pls\s+|por favor,?\s+|porfa,?\s+)?(\p{L}+)(?:\s+(?:a\s+|an\s+|una\s+|uma\s+)?(?:new\s+)?(?:task|tarea|tarefa))?(?:\s+(?!(?:como|as|it|la|lo|ela|ele)\b)([^:]*?))?\s*:\s+(?!\d)(.+)$/iu;

/** The command verbs, by the language they belong to; `null`: said alike in Spanish and Portuguese. */
const VERBS = new Map<string, Language | null>([
  ...['add', 'create', 'put', 'schedule'].map((v): [string, Language | null] => [v, 'en']),
  ...[
    'agrega',
    'anotame',
    'anótame',
    'apuntame',
    'apúntame',
    'agregame',
    'agrégame',
    'añádeme',
    'ponme',
    'agregá',
    'agregue',
    'añade',
    'añadí',
    'añada',
    'anotá',
    'apunta',
    'apuntá',
    'apunte',
    'crea',
    'creá',
    'cree',
    'suma',
    'sumá',
    'sume',
    'pon',
    'poné',
    'ponga',
    'marcá',
    'agendá',
  ].map((v): [string, Language | null] => [v, 'es']),
  ...[
    'adiciona',
    'adicione',
    'acrescenta',
    'acrescente',
    'cria',
    'crie',
    'põe',
    'poe',
    'ponha',
    'bota',
    'coloque',
    'marque',
    'agende',
  ].map((v): [string, Language | null] => [v, 'pt']),
  ...['anota', 'anote', 'coloca', 'marca', 'agenda'].map((v): [string, Language | null] => [v, null]),
]);

const NEW_TASK: Record<Language, string> = { en: 'new task', es: 'nueva tarea', pt: 'nova tarefa' };
/** "sumá a X:", "add to X:": the place words the "new task" form reads. */
const PLACE: Record<Language, [RegExp, string]> = {
  en: [/^(?:to|into|under)\s+/iu, 'in '],
  es: [/^(?:a|al)\s+(?!las?\s+\d)/iu, 'en '],
  pt: [/^(?:a|ao|à)\s+/iu, 'em '],
};

const LIST =
  /^(?:a[íi]|ah[íi]|aqui|aqu[íi]|ac[áa]|here|there|(?:(?:en|na|no|a|à|in|on|to)\s+)?(?:(?:la|a|the|my|mi|minha)\s+)?(?:lista|list|to-?do(?: list)?))$/iu;
const ON_THE_LIST =
  /^(?:please\s+|por favor,?\s+)?(\p{L}+)\s+(?:(?:en|na|no|in|on|to)\s+)(?:(?:la|a|the|my|mi|minha)\s+)?(?:lista|list|to-?do list)\s+(?!:)(.+)$/iu;
const NEW_PROJECT =
  /^(?:a|an|un|una|um|uma)\s+(?:new\s+|nuevo\s+|novo\s+)?(?:project|proyecto|projeto)(?:\s+(?:nuevo|novo))?$/iu;
const PROJECT_WORD = /(?<![\p{L}])(?:project|proyecto|projeto)(?![\p{L}])/iu;

/**
 * The message as "new task ...: X" when it is a command and a colon; `language` (asked only then) decides a verb
 * shared by Spanish and Portuguese.
 */
export function colonCommand(text: string, language: () => Language): string {
  const sharedVerb = () => {
    const guess = language();
    return guess === 'en' ? 'es' : guess;
  };
  // "bota na lista ligar pro cliente", "add to my list call the bank": the list said, then the task, no colon.
  const listed = ON_THE_LIST.exec(text.trim());
  const verbOfList = listed?.[1]!.toLowerCase();
  if (listed && verbOfList !== undefined && VERBS.has(verbOfList)) {
    const said = VERBS.get(verbOfList) ?? sharedVerb();
    return `${NEW_TASK[said]}: ${listed[2]!}`;
  }
  const command = COLON_COMMAND.exec(text.trim());
  const verb = command?.[1]!.toLowerCase();
  if (!command || verb === undefined || !VERBS.has(verb)) return text;
  const said = VERBS.get(verb) ?? sharedVerb();
  const [place, into] = PLACE[said];
  const middle = command[2] ?? '';
  // "create a new project: X" is a project, not a task.
  if (NEW_PROJECT.test(middle)) return text;
  // "coloca en la lista:", "anota aí:": the list is where every task goes, not a project; "ao projeto X" is read as said.
  const where = LIST.test(middle) ? '' : PROJECT_WORD.test(middle) ? middle : middle.replace(place, into);
  return `${NEW_TASK[said]}${where ? ` ${where}` : ''}: ${command[3]!}`;
}
