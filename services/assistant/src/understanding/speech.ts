import type { Language } from '../agent/render.ts';
import { HOUR_WORDS } from './texting.ts';

/**
 * Messages dictated by voice ("um so yeah can you add a task to uh pick up the dry cleaning on thursday", "o sea
 * necesito una tarea este para comprar X para el quince de diciembre", "é cria aí uma tarefa pagar o condomínio dia
 * dez"): `unspeak` drops the hesitations and repeated words and writes spoken numbers of dates and times as digits.
 */

/** Hesitations that say nothing anywhere in a message; "um" only in English (it is "a" in Portuguese). */
const HESITATION: Record<Language, RegExp> = {
  en: /(?<![\p{L}'])(?:u+m+|u+h+m*|erm|ehm|ahm|eh)(?![\p{L}'])[,.]?\s*/giu,
  es: /(?<![\p{L}'])(?:eh+|ehm|mmm+|o sea)(?![\p{L}'])[,.]?\s*/giu,
  pt: /(?<![\p{L}'])(?:eh+|ehm|hum+|mmm+)(?![\p{L}'])[,.]?\s*/giu,
};
/** "at like seven pm", "what's like overdue", "it's like really high priority": "like" as a pause. */
const LIKE =
  /(?<=(?:(?:^|\s)(?:at|by|around|about|is|are|was|it's|so|and|yeah|just|for|me)|'s|'re)\s+)like,?\s+(?!to\s)/giu;
/** "tarefa tipo urgente mesmo", "lembra-me tipo de ir", "me mostra tudo tipo todas": "tipo" as a pause (not "o tipo"). */
const TIPO =
  /(?<!(?:^|\s)(?:o|um|qual|que|esse|este|desse|deste|do|de|mesmo|outro|novo)\s+)(?<![\p{L}])tipo(?:\s+assim)?,?\s+/giu;
/** "urgente mesmo", "quais projetos é que eu tenho mesmo": emphasis after a word, or at the end. */
const MESMO = /(?<=(?:urgente|importante|alta|tenho|tem)\s+)mesmo(?![\p{L}])\s*|\s+mesmo(?=\s*[?!.]*$)/giu;
/** "o que que você faz", "quais projetos é que eu tenho": the spoken "que" and "é que" of questions. */
const QUE_QUE = /(?<![\p{L}])(o que|quem|onde|quando|como|quais|qual)\s+que\s+/giu;
const E_QUE = /(?<![\p{L}])(o que|quem|onde|quando|como|quais|qual)(\s+\p{L}+)?\s+é que\s+/giu;
/** "é cria aí", "é me mostra", "é a terceira": a leading "é" as a pause (not "é urgente", "é pra ontem"). */
const LEADING_E =
  /^é,?\s+(?!(?:urgente|importante|pra|para|isso|tudo|s[óo]|muito|super|o que|a que|o qu)(?![\p{L}]))/iu;
/** "necesito una tarea este para comprar": the spoken "este" before a word that cannot follow "this". */
const ESTE =
  /(?<![\p{L}])este,?\s+(?=(?:para|de|que|el|la|los|las|un|una|me|se|lo|qu[ée]|cu[áa]l|cu[áa]les|c[óo]mo|ya|y|o|pues|bueno|eh|necesito|quiero|tengo|agrega|a[ñn]ade|anota|apunta|crea|pon|borra|mu[ée]strame|dime)(?![\p{L}]))/giu;
/** "I uh I finished the the tax forms", "what what can you do", "my um my": a word said twice. */
const TWICE =
  /(?<![\p{L}])(the|a|an|my|i|what|to|de|la|el|los|las|que|o|os|as|um|uma|un|una|mis|minhas|meu|you|it|is|and|y|e)\s+\1(?![\p{L}])/giu;

/** Numbers said as words, 1 to 30: the clock hours texting.ts reads, and the rest of a month's days. */
const NUMBERS: Record<string, number> = {
  ...HOUR_WORDS,
  uno: 1,
  un: 1,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciséis: 16,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiuno: 21,
  veintidós: 22,
  veintidos: 22,
  veintitrés: 23,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiséis: 26,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  um: 1,
  dois: 2,
  doze: 12,
  treze: 13,
  quatorze: 14,
  catorze: 14,
  dezesseis: 16,
  dezasseis: 16,
  dezessete: 17,
  dezassete: 17,
  dezoito: 18,
  dezenove: 19,
  dezanove: 19,
  vinte: 20,
  trinta: 30,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const MONTH_WORD =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)';
const WEEKDAY_WORD = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const ORDINAL_WORD = `(?:(?:twenty|thirty)[- ])?(?:${Object.keys(ORDINALS).join('|')})`;
/** "the twenty second of january", "friday the fourth", "january twenty second": an English day said in words. */
const SPOKEN_ORDINAL = new RegExp(
  `(?<=(?:^|\\s)the\\s+)(${ORDINAL_WORD})(?=\\s+of\\s+${MONTH_WORD}(?![\\p{L}]))|(?<=(?:^|\\s)(?:${WEEKDAY_WORD}|${MONTH_WORD})(?:\\s+the)?\\s+)(${ORDINAL_WORD})(?![\\p{L}])`,
  'giu',
);
const CARDINAL_WORD = Object.keys(NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** "el quince de diciembre", "dia dez", "el día veinte": a Spanish or Portuguese day of the month said in words. */
const SPOKEN_DAY = new RegExp(
  `(?<=(?:^|\\s)(?:el|el d[íi]a|dia|d[íi]a|o dia|no dia|at[ée] o dia|at[ée] dia|para el|hasta el)\\s+)(${CARDINAL_WORD})(?=\\s+de\\s+${MONTH_WORD}(?![\\p{L}])|\\s*$|\\s*[,.!?]|\\s+(?:a las|às|as|ao|de manh|da manh|da tarde|de la)(?![\\p{L}]))|(?<=(?:^|\\s))(${CARDINAL_WORD})(?=\\s+de\\s+${MONTH_WORD}(?![\\p{L}]))`,
  'giu',
);
const MINUTES: Record<string, string> = {
  "o'clock": '00',
  oh: '00',
  fifteen: '15',
  thirty: '30',
  'forty five': '45',
  'forty-five': '45',
  twenty: '20',
  ten: '10',
  'y media': '30',
  'y cuarto': '15',
  'e meia': '30',
  'e quinze': '15',
};
/** "at three thirty", "a las diez y media", "às cinco e meia": a clock time in words, as digits. */
const SPOKEN_TIME = new RegExp(
  `(?<=(?:^|\\s)(?:at|by|around|a las|a la|para las|hasta las|antes de las|às|as|pelas|até às|antes das)\\s+)(${CARDINAL_WORD}|\\d{1,2})\\s+(o'clock|fifteen|thirty|forty[- ]five|y media|y cuarto|e meia|e quinze)(?![\\p{L}])`,
  'giu',
);

function number(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/-/g, ' ');
  if (/^\d+$/.test(lower)) return Number(lower);
  if (ORDINALS[lower] !== undefined) return ORDINALS[lower];
  const [tens, unit] = lower.split(' ');
  if (unit !== undefined) return (tens === 'twenty' ? 20 : 30) + (ORDINALS[unit] ?? 0);
  if (lower === 'twenty') return 20;
  if (lower === 'thirty') return 30;
  return NUMBERS[lower];
}

const suffix = (n: number) =>
  n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';

/** Whether a word comes twice in a row ("the the", "I I"), looked for without the costly pattern. */
function saidTwice(line: string): boolean {
  const words = line.toLowerCase().split(/\s+/);
  for (let i = 1; i < words.length; i++) if (words[i] === words[i - 1]) return true;
  return false;
}
const NUMBER_WORD = new RegExp(
  `(?<![\\p{L}])(?:${CARDINAL_WORD}|${Object.keys(ORDINALS).join('|')})(?![\\p{L}])`,
  'iu',
);

/** The words whose reading depends on the language ("um" is English for a pause, Portuguese for "a"). */
const PAUSES =
  /(?<![\p{L}'])(?:u+m+|u+h+m*|erm|ehm|ahm|eh+|mmm+|hum+|o sea|like|este|tipo|mesmo|é|que)(?![\p{L}'])/iu;

/** `languageOf` is asked only when a word of the kind is there (most messages have none). */
export function unspeak(text: string, languageOf: (text: string) => Language): string {
  const language = PAUSES.test(text) ? languageOf(text) : undefined;
  return language ? spoken(paused(text, language)) : spoken(text);
}

function paused(text: string, language: Language): string {
  let line = text.replace(HESITATION[language], '');
  if (language === 'en') line = line.replace(LIKE, '');
  if (language === 'es') line = line.replace(ESTE, '');
  if (language === 'pt')
    line = line
      .replace(LEADING_E, '')
      .replace(TIPO, '')
      .replace(MESMO, ' ')
      .replace(QUE_QUE, '$1 ')
      .replace(E_QUE, '$1$2 ');
  return line;
}

function spoken(text: string): string {
  let line = text;
  if (saidTwice(line)) line = line.replace(TWICE, '$1').replace(TWICE, '$1');
  // The spoken numbers, only when a number word is there at all.
  if (!NUMBER_WORD.test(line)) return line.replace(/\s{2,}/g, ' ').trim();
  line = line
    .replace(SPOKEN_TIME, (_m, hour: string, minutes: string) => {
      const h = number(hour);
      return h === undefined ? _m : `${h}:${MINUTES[minutes.toLowerCase().replace('-', ' ')] ?? '00'}`;
    })
    .replace(SPOKEN_ORDINAL, (word) => {
      const n = number(word);
      return n && n <= 31 ? `${n}${suffix(n)}` : word;
    })
    .replace(SPOKEN_DAY, (word) => {
      const n = NUMBERS[word.toLowerCase()];
      return n ? String(n) : word;
    });
  return line.replace(/\s{2,}/g, ' ').trim();
}
