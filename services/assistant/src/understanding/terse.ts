/**
 * Messages typed as notes, without the small words ("tarea mandar propuesta lun", "criar tarefa X urgente proj
 * financeiro", "del the printer task", "reminder for timesheets fri 4pm"): `unterse` writes out the words the rules
 * need (a weekday, "in project", a verb) and leaves every word of a title as it was typed.
 */

/** "lun", "jue", "vie", "seg", "qua", "sex": Spanish and Portuguese weekdays cut short, as the names chrono reads. */
const SHORT_WEEKDAYS: Record<string, string> = {
  lun: 'monday',
  mie: 'wednesday',
  mié: 'wednesday',
  jue: 'thursday',
  vie: 'friday',
  sab: 'saturday',
  sáb: 'saturday',
  dom: 'sunday',
  seg: 'monday',
  ter: 'tuesday',
  qua: 'wednesday',
  qui: 'thursday',
  sex: 'friday',
};
/**
 * Only where a date stands: at the end, before a time, a priority or a project ("sex 9h", "vie prioridad alta"), or
 * after a word that introduces a date ("el lun", "até qui"); "ter" and "sex" are words too ("preciso ter").
 */
const SHORT_WEEKDAY = new RegExp(
  `(?<![\\p{L}\\d])(?:(?<=(?:el|on|no|na|pra|para|pro|at[ée]|hasta|by|until)\\s+)(${Object.keys(SHORT_WEEKDAYS).join('|')})\\.?(?![\\p{L}\\d])|(${Object.keys(SHORT_WEEKDAYS).join('|')})\\.?(?=\\s*[,;!?]*\\s*$|\\s+(?:\\d|a las|às|as|at|@|de manh|por la|pela|prioridad|prioridade|priority|urgente?|alta|high|proj|project|proyecto|projeto)(?![\\p{L}])))`,
  'giu',
);

/** A cheap look for a short weekday before the pattern that checks where it stands. */
const SHORT_WEEKDAY_WORD = new RegExp(
  `(?<![\\p{L}\\d])(?:${Object.keys(SHORT_WEEKDAYS).join('|')})(?![\\p{L}\\d])`,
  'iu',
);

/** "tarea mandar X", "tarefa agendar X", "task call the vendor": the task word alone, as "new task". */
const BARE_TASK =
  /^(?:(tarea|tarefa)\s*:?\s+(?=\p{L}+(?:ar|er|ir|ír)(?![\p{L}]))|(task|to-?do)\s*:?\s+(?!(?:list|lists|for|about|due|on|in|with|of|done|is|was|from|to|named|called|number|one)(?![\p{L}]))(?=\p{L}))/iu;
const NEW_TASK: Record<string, string> = { tarea: 'nueva tarea ', tarefa: 'nova tarefa ' };

/** "feito atualizar X", "hecho revisar X", "done payroll check": done, then the task said as typed. */
const DONE_FIRST =
  /^(?:(?:feito|feita|hecho|hecha|listo|lista|pronto|pronta|conclu[íi]d[oa])\s+(?=\p{L}+(?:ar|er|ir)(?![\p{L}]))|done\s+(?!(?:with|w|for|and|here|deal|now|already|yet|today|thanks|thank|lol)(?![\p{L}]))(?=\p{L}))/iu;

/** "del the printer task": the English "del" for delete (the Spanish "del" never starts a request with "the"). */
const DEL = /^del\s+(?=(?:the|my|that|this|task|it)(?![\p{L}]))/iu;
/** "done w payroll", "finished w the slides": the texting "w" for "with" after a done word. */
const DONE_W = /^(done|finished|through)\s+w\s+/iu;

/** "reminder for timesheets fri 4pm", "recordatorio para la junta", "lembrete do pagamento": set on that task. */
const REMINDER_FOR: [RegExp, string][] = [
  [/^(?:a\s+)?reminder\s+(?:for|about|on)\s+/iu, 'set a reminder for '],
  [
    /^recordatorio\s+(?:(?:para|de)\s+(?=(?:el|la|los|las|lo)(?![\p{L}]))|del\s+)/iu,
    'ponme un recordatorio para ',
  ],
  [
    /^lembrete\s+(?:(?:para|pra|pro|de)\s+(?=(?:o|a|os|as)(?![\p{L}]))|d[oa]s?\s+)/iu,
    'coloca um lembrete para ',
  ],
];

/** "muda prioridade do X p alta", "tarefa X c/ prioridade alta": "p" and "c/" before a priority or a day. */
const P_FOR_PRA =
  /(?<![\p{L}\d])p(?=\s+(?:alta|baixa|m[ée]dia|urgente|amanh[ãa]|hoje|segunda|ter[çc]a|quarta|quinta|sexta|s[áa]bado|domingo|dia|o dia|semana)(?![\p{L}]))/giu;
const C_FOR_COM = /(?<![\p{L}\d])c\/\s*(?=(?:prioridad|prioridade|priority)(?![\p{L}]))/giu;

/**
 * "... urgente proj financeiro", "apunta X proyecto ventas", "pendientes proyecto auditoria": a project named last
 * without its preposition. Only after a title or a task word, never right after a command or an article ("new proj
 * hiring", "revisar el proyecto final"), and its name one word.
 */
const BARE_PROJECT = /(?<=\s)(proj|project|proyecto|projeto)\s+([\p{L}\d][\p{L}\d_-]*)\s*[?!.]*$/iu;
const NOT_BEFORE_PROJECT =
  /(?<![\p{L}])(?:the|a|an|my|our|this|that|new|of|in|to|for|on|into|under|el|la|un|una|mi|nuevo|del|de|en|al|para|o|um|uma|meu|novo|do|da|no|ao|pra|pro|create|add|make|start|open|list|show|crea|crear|cria|criar|abre|inicia|called|named|finish|update|review|revisar|terminar|entregar|actualizar|atualizar|acabar)\s*$/iu;
const TASK_WORD = /(?<![\p{L}])(?:tasks|tareas|tarefas|pendientes|pend[êe]ncias|to-?dos)\s*$/iu;
/** Words that follow "project" in a title ("finish the project report", "entregar proyecto final"). */
export const PROJECT_COMPOUND =
  /^(?:report|plan|plans|proposal|update|updates|meeting|review|status|kickoff|budget|timeline|files|docs|deadline|brief|scope|notes|list|summary|deck|slides|manager|team|final|nuevo|nueva|novo|nova|piloto|personal|pessoal|anterior)$/iu;
const IN_PROJECT: Record<string, string> = {
  proj: 'in project',
  project: 'in project',
  proyecto: 'en el proyecto',
  projeto: 'no projeto',
};

function bareProject(line: string): string {
  const m = BARE_PROJECT.exec(line);
  if (!m || PROJECT_COMPOUND.test(m[2]!)) return line;
  const before = line.slice(0, m.index).trimEnd();
  const words = before.split(/\s+/).length;
  if (NOT_BEFORE_PROJECT.test(before) || (words < 2 && !TASK_WORD.test(before))) return line;
  return `${before} ${IN_PROJECT[m[1]!.toLowerCase()]!} ${m[2]!}`;
}

export function unterse(text: string): string {
  let line = text
    .replace(DEL, 'delete ')
    .replace(DONE_W, '$1 with ')
    .replace(DONE_FIRST, (done) => `${done.trim()}: `);
  for (const [pattern, to] of REMINDER_FOR) line = line.replace(pattern, to);
  line = line.replace(BARE_TASK, (_m, es: string | undefined) =>
    es ? NEW_TASK[es.toLowerCase()]! : 'new task ',
  );
  if (SHORT_WEEKDAY_WORD.test(line))
    line = line.replace(
      SHORT_WEEKDAY,
      (word) => SHORT_WEEKDAYS[word.replace(/\.$/, '').toLowerCase()] ?? word,
    );
  line = line.replace(P_FOR_PRA, 'pra').replace(C_FOR_COM, 'com ');
  return bareProject(line);
}
