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
const HOUR_WORDS: Record<string, number> = {
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
];
/** "as 18h", "as 9:30": the Portuguese "às" typed without its accent, only before a clock time. */
const AS_TIME = /(?<![\p{L}])as(?=\s+\d{1,2}(?:[:h.]\d{2}|h)?(?![\p{L}\d]))/giu;
/** "tipo às 10", "like at 10", "como a las 5": an "about" before a clock time says nothing. */
const ABOUT_TIME =
  /(?<![\p{L}])(?:tipo|like|como|umas|uns|por volta d[ae]s?|sobre)\s+(?=(?:at |a las |às |as |ás |pelas )?\d{1,2}(?:[:h.]\d{2})?\s*(?:am|pm|h)?(?![\p{L}\d]))/giu;

export function untext(text: string): string {
  let line = spelled(text.replace(/(?<![\p{L}])what all(?![\p{L}])/giu, 'what'));
  line = line.replace(HOUR_WORD, (word) => String(HOUR_WORDS[word.toLowerCase()] ?? word));
  for (const [pattern, to] of BRITISH) line = line.replace(pattern, to);
  return line;
}

function spelled(text: string): string {
  return (
    text
      // An acronym typed in capitals ("call HR", "plan D") is a name, not an abbreviation.
      .replace(/(?<![\p{L}\d'])([\p{L}\d]+)(?![\p{L}\d'])/gu, (word) =>
        word.length <= 3 && word === word.toUpperCase() && /\p{Lu}/u.test(word)
          ? word
          : (WORDS[word.toLowerCase()] ?? word),
      )
      .replace(/(?<![\p{L}])w\/\s*/giu, 'with ')
      .replace(X_FOR_POR, 'por')
      .replace(K_FOR_QUE, 'que')
      .replace(ATE, 'até')
      .replace(AS_TIME, 'às')
      .replace(ABOUT_TIME, '')
  );
}
