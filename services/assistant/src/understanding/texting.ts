/**
 * How people type on a phone: abbreviations ("tmrw", "mñn", "hj", "vc", "oq"), words without their accents ("terca
 * de manha", "muestrame", "proxima") and a filler said before a time ("tipo às 10"). `untext` writes them out so
 * the rules and the date parser read one spelling; a title keeps every other word as it was typed.
 */
const WORDS: Record<string, string> = {
  // English
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  tmw: 'tomorrow',
  tmoro: 'tomorrow',
  tomoro: 'tomorrow',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  '2mrw': 'tomorrow',
  tdy: 'today',
  '2day': 'today',
  tonite: 'tonight',
  '2nite': 'tonight',
  '2night': 'tonight',
  b4: 'before',
  abt: 'about',
  nxt: 'next',
  wk: 'week',
  wknd: 'weekend',
  hrs: 'hours',
  proj: 'project',
  tsk: 'task',
  tsks: 'tasks',
  shw: 'show',
  dun: 'done',
  hav: 'have',
  actualy: 'actually',
  pri: 'priority',
  projs: 'projects',
  wat: 'what',
  wats: "what's",
  ur: 'your',
  thru: 'through',
  // Spanish
  mñn: 'mañana',
  mnn: 'mañana',
  anade: 'añade',
  anadir: 'añadir',
  anademe: 'añádeme',
  anadi: 'añadí',
  mñna: 'mañana',
  mñana: 'mañana',
  xfa: 'por favor',
  xfavor: 'por favor',
  xq: 'porque',
  porq: 'porque',
  pq: 'porque',
  dsp: 'después',
  d: 'de',
  dl: 'del',
  pal: 'para el',
  '1ro': '1',
  '1ero': '1',
  '1er': '1',
  muestrame: 'muéstrame',
  ensename: 'enséñame',
  pasame: 'pásame',
  recuerdame: 'recuérdame',
  avisame: 'avísame',
  anotame: 'anótame',
  apuntame: 'apúntame',
  agregame: 'agrégame',
  añademe: 'añádeme',
  ponmelo: 'pónmelo',
  miercoles: 'miércoles',
  sabado: 'sábado',
  proxima: 'próxima',
  proximo: 'próximo',
  mediodia: 'mediodía',
  despues: 'después',
  tambien: 'también',
  ultima: 'última',
  ultimo: 'último',
  // Portuguese
  hj: 'hoje',
  hje: 'hoje',
  vc: 'você',
  voce: 'você',
  vcs: 'vocês',
  oq: 'o que',
  td: 'tudo',
  qdo: 'quando',
  qnd: 'quando',
  dps: 'depois',
  tbm: 'também',
  tambem: 'também',
  blz: 'beleza',
  ta: 'tá',
  ja: 'já',
  nao: 'não',
  terca: 'terça',
  manha: 'manhã',
};

/** "x el viernes", "x favor": the texting "x" for "por", before the words it goes with. */
const X_FOR_POR =
  /(?<![\p{L}\d])x(?=\s+(?:el|la|los|las|favor|fa|eso|esto|ah[íi]|fin|ejemplo|que|q|o|a|os|as)(?![\p{L}]))/giu;
/** "k tengo hoy": the Spanish texting "k" for "que" (not the English "k" for "okay"). */
const K_FOR_QUE = /(?<![\p{L}\d'])k(?=\s+(?!thanks|thank|thx|ty|bye|cool|great|sure|got)\p{L})/giu;
/** "ate sexta", "ate amanhã": the Portuguese "até" typed without its accent, only before a day. */
const ATE =
  /(?<![\p{L}])ate(?=\s+(?:(?:o |a )?(?:segunda|ter[çc]a|quarta|quinta|sexta|s[áa]bado|domingo|dia|fim|final)|amanh|hoje|\d)(?![\p{L}]))/giu;
/** Clock hours said as words after a time word ("at five", "a las cinco", "às cinco e meia", "half five"). */
export const HOUR_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  uma: 1,
  duas: 2,
  três: 3,
  quatro: 4,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
};
const HOUR_WORD =
  /(?<=(?:^|\s)(?:at|by|around|half past|quarter past|half|a las|a la|para las|hasta las|sobre las|antes de las|às|pelas|até às|antes das)\s+)(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|uma|duas|três|quatro|sete|oito|nove|dez|onze)(?![\p{L}])/giu;
/** "in a fortnight", "tomorrow week", "half five": British ways to say a day or a time. */
const BRITISH: [RegExp, string][] = [
  [/(?<![\p{L}])(?:in\s+)?a\s+fortnight(?:'s time)?(?![\p{L}])/giu, 'in 2 weeks'],
  [/(?<![\p{L}])(?:tomorrow week|a week (?:from )?tomorrow)(?![\p{L}])/giu, 'in 8 days'],
  [/(?<![\p{L}])half (\d{1,2})(?![\p{L}\d:])/giu, '$1:30'],
  // "a week from today", "two weeks from now": counted from today.
  [/(?<![\p{L}])(?:a|one) week from (?:today|now)(?![\p{L}])/giu, 'in 1 week'],
  [/(?<![\p{L}])(two|three|\d) weeks from (?:today|now)(?![\p{L}])/giu, 'in $1 weeks'],
];
/** "as 18h", "as 9:30": the Portuguese "às" typed without its accent, only before a clock time. */
const AS_TIME = /(?<![\p{L}])as(?=\s+\d{1,2}(?:[:h.]\d{2}|h)?(?![\p{L}\d]))/giu;
/** "tipo às 10", "like at 10", "como a las 5": an "about" before a clock time says nothing. */
const ABOUT_TIME =
  /(?<![\p{L}])(?:tipo|like|como|umas|uns|por volta d[ae]s?|sobre)\s+(?=(?:at |a las |às |as |ás |pelas )?\d{1,2}(?:[:h.]\d{2})?\s*(?:am|pm|h)?(?![\p{L}\d]))/giu;

export function untext(text: string): string {
  let line = spelled(
    text
      .replace(/(?<![\p{L}])what all(?![\p{L}])/giu, 'what')
      // "what've I got": the question the rules read.
      .replace(/(?<![\p{L}])(what|which|where)['’]ve(?![\p{L}])/giu, '$1 have'),
  );
  line = line.replace(HOUR_WORD, (word) => String(HOUR_WORDS[word.toLowerCase()] ?? word));
  for (const [pattern, to] of BRITISH) line = line.replace(pattern, to);
  return line;
}

/**
 * Words the rules key on, for typos ("creat a tsk", "remnd me", "chnage", "overdo", "compleated", "proyect",
 * "wendsday", "atrazadas", "lenbra-me"): the command words only as a message's first word, the others anywhere.
 */
const KEY_FIRST =
  'add create delete remove remind mark show change move list make search find rename complete finish cancel lembra';
const KEY_ANYWHERE =
  'task tasks project projects tarea tareas tarefa tarefas proyecto proyectos projeto projetos overdue completed finished pending urgent important priority reminder tomorrow monday tuesday wednesday thursday friday saturday sunday prioridad prioridade recordatorio lembrete atrasadas atrasados vencidas pendientes pendentes completadas terminadas concluídas urgente importante ayuda ajuda gracias';
/** Real words one letter away from a key word ("shows", "sundae", "ayudar"). */
const NOT_TYPOS = new Set(
  [
    'shows shown marks lists moved mover movie movies changes chance finds finde makes maker adds tasked sundae',
    'ayudar ayudan urgency prior remain marked listed added found protect listo lista liste listos listas marco',
    'marca marcas cancela cancele cancelo completa completo remova remover deleta lembro lembre lembrar lembrou',
  ]
    .join(' ')
    .split(' '),
);
const plainWord = (word: string) =>
  /^[\x20-\x7e]*$/.test(word) ? word : word.normalize('NFD').replace(/\p{M}/gu, '');
function byInitial(words: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const word of words.split(' ')) {
    const initial = plainWord(word)[0]!;
    map.set(initial, [...(map.get(initial) ?? []), word]);
  }
  return map;
}
const FIRST_KEYS = byInitial(`${KEY_FIRST} ${KEY_ANYWHERE}`);
const ANY_KEYS = byInitial(KEY_ANYWHERE);
/** The key words and their other genders and numbers ("terminada" is no typo of "terminadas"). */
const KNOWN = new Set(
  `${KEY_FIRST} ${KEY_ANYWHERE}`
    .split(' ')
    .map(plainWord)
    .flatMap((word) => {
      const stem = /^(.+?)(?:os|as|o|a)$/.exec(word)?.[1];
      return stem ? [word, ...['o', 'a', 'os', 'as'].map((end) => `${stem}${end}`)] : [word, `${word}s`];
    }),
);

// Three rows of the edit table, reused (words here are short).
let before2 = new Int32Array(64);
let before1 = new Int32Array(64);
let current = new Int32Array(64);
/** Edit distance with adjacent transpositions ("chnage"), stopping early past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (b.length >= before1.length) return limit + 1;
  for (let j = 0; j <= b.length; j++) before1[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(before1[j]! + 1, current[j - 1]! + 1, before1[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before2[j - 2]! + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    [before2, before1, current] = [before1, current, before2];
  }
  return before1[b.length]!;
}

// A word's spelling does not depend on the message, so it is kept across messages (people reuse their words), up to
// 10,000 words.
const spellings = new Map<string, string | null>();
/** The key word a typo stands for: one edit from a word of 5 letters or more, two from one of 8 or more. */
function respelled(word: string, first: boolean): string | undefined {
  const key = `${first ? 1 : 0}${word}`;
  let found = spellings.get(key);
  if (found === undefined) {
    found = spellingOf(word, first) ?? null;
    if (spellings.size >= 10_000) spellings.clear();
    spellings.set(key, found);
  }
  return found ?? undefined;
}

function spellingOf(word: string, first: boolean): string | undefined {
  const lower = plainWord(word.toLowerCase());
  if (lower.length < 5 || KNOWN.has(lower) || NOT_TYPOS.has(lower) || !/^\p{L}+$/u.test(lower))
    return undefined;
  // "ayudaa", "graciasss": a letter held for emphasis.
  const held = lower.replace(/(\p{L})\1+$/u, '$1');
  if (held !== lower && KNOWN.has(held)) return held;
  let found: string | undefined;
  let foundScore = Infinity;
  for (const key of (first ? FIRST_KEYS : ANY_KEYS).get(lower[0]!) ?? []) {
    const plainKey = plainWord(key);
    // Two edits only towards a long word ("wendsday": "wednesday", "overdo": "overdue"; not "tarjetas": "tarefas").
    const long =
      Math.abs(plainKey.length - lower.length) <= 1 &&
      ((lower.length >= 8 && plainKey.length >= 8) ||
        (lower.length >= 6 && plainKey.length >= 7 && plainKey.startsWith(lower.slice(0, 5))));
    const limit = long ? 2 : 1;
    const d = distance(lower, plainKey, limit);
    if (d > limit) continue;
    // A tie prefers the word with the same ending and length ("proyects": "projects", not "proyecto").
    const score =
      d * 10 + (plainKey.at(-1) === lower.at(-1) ? 0 : 2) + (plainKey.length === lower.length ? 0 : 1);
    if (score < foundScore) {
      found = key;
      foundScore = score;
    }
  }
  return found;
}

function spelled(text: string): string {
  const firstWord = /[\p{L}\d]/u.exec(text)?.index ?? 0;
  return (
    text
      // An acronym typed in capitals ("call HR", "plan D") is a name, not an abbreviation.
      .replace(/(?<![\p{L}\d'])([\p{L}\d]+)(?![\p{L}\d'])/gu, (word, _w: string, at: number) =>
        word.length <= 3 && word === word.toUpperCase() && /\p{Lu}/u.test(word)
          ? word
          : (WORDS[word.toLowerCase()] ??
            (at === firstWord && word.toLowerCase() === 'ad' ? 'add' : undefined) ??
            (word.length >= 5 ? respelled(word, at === firstWord) : undefined) ??
            word),
      )
      .replace(/(?<![\p{L}])w\/\s*/giu, 'with ')
      .replace(X_FOR_POR, 'por')
      .replace(K_FOR_QUE, 'que')
      .replace(ATE, 'até')
      .replace(AS_TIME, 'às')
      .replace(ABOUT_TIME, '')
  );
}
