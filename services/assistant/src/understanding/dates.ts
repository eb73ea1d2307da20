import type * as chrono from 'chrono-node';
// The three locales the understanding reads, not chrono's whole bundle (ten more languages load with it).
import { casual as en } from 'chrono-node/en';
import { casual as es } from 'chrono-node/es';
import { casual as pt } from 'chrono-node/pt';
import { offsetMinutes, toLocal } from '@taskline/core/time';
import { remembered } from './memo.ts';
import type { Language } from '../agent/render.ts';

export interface FoundDate {
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` when a time was said. */
  local: string;
  hasTime: boolean;
  /** The words that said it, to cut from a title. */
  text: string;
  /** Words of a time said apart from the date. */
  timeText?: string;
}

const PARSERS = { en, es, pt } as const;

/**
 * The zone's offset at `now`, remembered for the last zone and instant: one message asks for it dozens of times
 * (every date it tries), and formatting the instant in the zone is the costly part.
 */
let lastOffset: { timeZone: string; at: number; minutes: number } | undefined;
function zoneOffset(timeZone: string, now: Date): number {
  const at = now.getTime();
  if (lastOffset?.timeZone !== timeZone || lastOffset.at !== at)
    lastOffset = { timeZone, at, minutes: offsetMinutes(timeZone, now) };
  return lastOffset.minutes;
}
const pad = (n: number) => String(n).padStart(2, '0');

const WEEKDAYS: Record<string, string> = {
  lunes: 'monday',
  martes: 'tuesday',
  miercoles: 'wednesday',
  jueves: 'thursday',
  viernes: 'friday',
  sabado: 'saturday',
  domingo: 'sunday',
  segunda: 'monday',
  terca: 'tuesday',
  quarta: 'wednesday',
  quinta: 'thursday',
  sexta: 'friday',
};

const HOURS_WORDS: Record<string, number> = {
  un: 1,
  una: 1,
  um: 1,
  uma: 1,
  dos: 2,
  dois: 2,
  duas: 2,
  tres: 3,
  três: 3,
};

/** Phrasings chrono misses, rewritten to ones it reads. */
export function prepare(text: string): string {
  return (
    text
      // "manana", "amanha": typed without the tilde.
      .replace(/(?<![\p{L}])manana(?![\p{L}])/giu, 'mañana')
      .replace(/(?<![\p{L}])amanha(?![\p{L}])/giu, 'amanhã')
      .replace(
        /(?<![\p{L}\d])(\d{1,2})h(\d{2})?(?![\p{L}\d])/gu,
        (_m, h: string, m?: string) => `${h}:${m ?? '00'}`,
      )
      .replace(/(?<![\p{L}])a las (\d{1,2})h(?![\p{L}\d])/giu, 'a las $1')
      // "daqui a 2 horas", "em meia hora", "dentro de 20 minutos": chrono's pt parser reads "a 2" as a time.
      .replace(
        /(?<![\p{L}])(?:daqui a|daqui|dentro de|de aqu[íi] a|en|em)\s+(\d{1,3}|una?|uma|um|dos|duas|dois|tres|três|media|meia)\s+(horas?|minutos?)(?![\p{L}])/giu,
        (_m, n: string, unit: string) => {
          const half = /^(?:media|meia)$/i.test(n);
          const count = half ? 30 : (HOURS_WORDS[n.toLowerCase()] ?? Number(n));
          const minutes = half || /^m/i.test(unit);
          return `in ${count} ${minutes ? 'minutes' : count === 1 ? 'hour' : 'hours'}`;
        },
      )
      // "a las 9 y media", "às 9 e meia", "10 y cuarto", "9 menos cuarto", "half past 9": half and quarter hours.
      .replace(
        /(?<![\p{L}\d:])(\d{1,2})\s+(?:y|e)\s+(media|meia|cuarto|quince|quinze)(?![\p{L}])/giu,
        (_m, h: string, w: string) => `${h}:${/^(?:media|meia)$/i.test(w) ? '30' : '15'}`,
      )
      .replace(
        /(?<![\p{L}\d:])(\d{1,2})\s+menos\s+(?:cuarto|quince|quinze|um quarto)(?![\p{L}])/giu,
        (_m, h: string) => `${(Number(h) + 11) % 12 || 12}:45`,
      )
      .replace(/(?<![\p{L}])half past (\d{1,2})(?![\p{L}\d:])/giu, '$1:30')
      .replace(
        /(?<![\p{L}])(?:a )?quarter to (\d{1,2})(?![\p{L}\d:])/giu,
        (_m, h: string) => `${(Number(h) + 11) % 12 || 12}:45`,
      )
      // "a medianoche", "à meia-noite": the English "at midnight" chrono reads.
      .replace(/(?<![\p{L}])(?:a (?:la )?|à |de )?(?:medianoche|meia[- ]noite)(?![\p{L}])/giu, 'at midnight')
      // "monday the 12th", "el lunes 12", "segunda dia 12": the day of the month says the date; the weekday repeats it.
      .replace(
        /(?<![\p{L}])(?:(?:on|el|la|no|na|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?,?\s+(?:the\s+|el\s+|d[íi]a\s+)?(\d{1,2})(?:st|nd|rd|th|º)?(?![\p{L}\d:h])(?!\s*(?:am|pm|h)\b)(?!\s+de\s)/giu,
        (m: string, day: string, n: string) =>
          /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i.test(day)
            ? `on the ${n}th`
            : /^(?:segunda|ter[çc]a|quarta|quinta|sexta)$/iu.test(day) || /\sdia\s/i.test(m)
              ? `dia ${n}`
              : `el día ${n}`,
      )
      .replace(/(?<![\p{L}])quarter past (\d{1,2})(?![\p{L}\d:])/giu, '$1:15')
      // "al mediodía", "ao meio-dia", "at noon": 12:00.
      .replace(/(?<![\p{L}])(?:al|a|para el|hasta el) mediod[íi]a(?![\p{L}])/giu, 'a las 12:00')
      .replace(/(?<![\p{L}])(?:ao|à|pelo|at[ée] o|at[ée] ao) meio[- ]dia(?![\p{L}])/giu, 'às 12:00')
      .replace(/(?<![\p{L}])(?:at|by|around) (?:noon|midday)(?![\p{L}])/giu, 'at 12:00')
      // "sexta 9h", "quinta-feira 14h": chrono's pt parser reads the weekday's last "a" as "a 9:00", today.
      .replace(
        /(?<![\p{L}])(segunda|ter[çc]a|quarta|quinta|sexta)(-feira)?\s+(?=\d{1,2}:\d{2}(?!\d))/giu,
        (_m, day: string, feira?: string) => `${day}${feira ?? ''} às `,
      )
      // "el próximo fin de semana", "fim de semana que vem", "este finde": the English weekend chrono reads.
      .replace(
        /(?<![\p{L}])(?:(?:el|o|no)\s+)?(?:pr[óo]ximo\s+(?:fin(?:de)?|fim)\s+de\s+semana|(?:fin|fim)\s+de\s+semana\s+que\s+(?:viene|vem))(?![\p{L}])/giu,
        'next weekend',
      )
      .replace(
        /(?<![\p{L}])(?:(?:este|esse|neste|nesse|el|o|no|para el|pro|pra o|para o)\s+)?(?:fin\s+de\s+semana|fim\s+de\s+semana|finde|fds)(?![\p{L}])/giu,
        'this weekend',
      )
      // "el miércoles que viene", "quarta que vem": read as English "next wednesday", like chrono reads it.
      .replace(
        /(?<![\p{L}])(?:el |la |na |no |a |o )?(lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)? que (?:viene|vem)(?![\p{L}])/giu,
        (_m, day: string) =>
          `next ${WEEKDAYS[day.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')] ?? day}`,
      )
  );
}

/** "dia 10", "el día 3", "até dia 30": a day of this month, or of the next once it has passed. */
const DAY_OF_MONTH =
  /(?<![\p{L}])(?:(?:at[ée](?: o)?|no|para o|pro|pra|el|para el|hasta el)\s+)?d[íi]a\s+(\d{1,2})(?![\p{L}\d])(?!\s+(?:de|of)\s)/iu;

/**
 * "on the 28th", "by the 3rd": an English ordinal alone names a day of this month (chrono reads none); not
 * "the 2nd one" or "her 30th birthday".
 */
const ORDINAL_DAY =
  /(?<![\p{L}\d])(?:(?:on|by|until|till|before|for)\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?=\s*$|\s*[,.;!?]|\s+(?:at|@|in|and|or|by|morning|afternoon|evening|night|\d)(?![\p{L}]))/iu;
/** "el 28", "para el 3": a bare Spanish day number, only when nothing but a time or the end follows it. */
const EL_DAY =
  /(?<![\p{L}\d])(?:para el|hasta el|antes del|el)\s+(\d{1,2})(?=\s*$|\s*[,.;!?]|\s+(?:a las?|a la|por la|en la|y|at)(?![\p{L}]))/iu;

function dayOfMonth(text: string, now: Date, timeZone: string): FoundDate | undefined {
  const match = DAY_OF_MONTH.exec(text) ?? ORDINAL_DAY.exec(text) ?? EL_DAY.exec(text);
  const day = Number(match?.[1]);
  if (!match || day < 1 || day > 31) return undefined;
  const current = today(now, timeZone);
  let [year, month] = current.split('-').map(Number) as [number, number];
  if (day < Number(current.slice(8, 10))) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return { local: `${year}-${pad(month)}-${pad(day)}`, hasTime: false, text: match[0] };
}

/** "a fin de mes", "no fim do mês", "até o final do mês que vem": the last day of the month (chrono: English only). */
const END_OF_MONTH =
  /(?<![\p{L}])(?:(?:a|para|hasta|antes de|no|at[ée]|pra|pro|ao|by|until|before)\s+)?(?:(?:el|la|o|the)\s+)?(?:fin|final|finales|fim|[úu]ltimo d[íi]a)\s+(?:de|del|do|deste|desse|de este)\s+(?:(pr[óo]ximo)\s+)?m[eê]s(?:\s+(que viene|que vem))?(?![\p{L}])/iu;
const NUMBER_WORDS: Record<string, number> = {
  um: 1,
  uma: 1,
  un: 1,
  una: 1,
  dois: 2,
  duas: 2,
  dos: 2,
  tres: 3,
  quatro: 4,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  siete: 7,
  oito: 8,
  ocho: 8,
  nove: 9,
  nueve: 9,
  dez: 10,
  diez: 10,
  quince: 15,
  quinze: 15,
};
/** "daqui a 3 dias", "em duas semanas", "de aquí a 10 días": chrono's pt parser reads "a 3" as a time. */
const IN_SOME =
  /(?<![\p{L}])(?:daqui(?:\s+a)?|dentro de|de aqu[íi] a|em|en)\s+(\d{1,2}|\p{L}+)\s+(dias?|d[íi]as|semanas?|mes(?:es)?|m[eê]s)(?![\p{L}])/iu;

function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

const MONTHS: Record<string, number> = {};
for (const [i, names] of [
  'january enero janeiro jan ene',
  'february febrero fevereiro feb fev',
  'march marzo março marco mar',
  'april abril apr abr',
  'may mayo maio',
  'june junio junho jun',
  'july julio julho jul',
  'august agosto aug ago',
  'september septiembre setiembre setembro sep sept set',
  'october octubre outubro oct out',
  'november noviembre novembro nov',
  'december diciembre dezembro dec dic dez',
].entries())
  for (const name of names.split(' ')) MONTHS[name] = i + 1;
const WEEKDAY_NUMBER: Record<string, number> = {
  sunday: 0,
  domingo: 0,
  monday: 1,
  lunes: 1,
  segunda: 1,
  tuesday: 2,
  martes: 2,
  terca: 2,
  wednesday: 3,
  miercoles: 3,
  quarta: 3,
  thursday: 4,
  jueves: 4,
  quinta: 4,
  friday: 5,
  viernes: 5,
  sexta: 5,
  saturday: 6,
  sabado: 6,
};
const NTH: Record<string, number> = {
  first: 1,
  '1st': 1,
  primer: 1,
  primero: 1,
  primera: 1,
  primeiro: 1,
  primeira: 1,
  second: 2,
  '2nd': 2,
  segundo: 2,
  segunda: 2,
  third: 3,
  '3rd': 3,
  tercer: 3,
  tercero: 3,
  tercera: 3,
  terceiro: 3,
  terceira: 3,
  fourth: 4,
  '4th': 4,
  cuarto: 4,
  cuarta: 4,
  quarto: 4,
  quarta: 4,
  last: -1,
  ultimo: -1,
  ultima: -1,
};
const plain = (word: string) => word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
/** "the first monday of january", "el último viernes del mes", "a primeira segunda de janeiro". */
const NTH_WEEKDAY =
  /(?<![\p{L}])(?:(?:on|el|la|o|a|no|na|the)\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last|primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|[úu]ltim[oa]|primeir[oa]|terceir[oa]|quart[oa])\s+(\p{L}+)(?:-feira)?\s+(?:of|de|del|do|da)\s+(?:(?:the|el|o|este|esse|this|next|pr[óo]ximo)\s+)?(\p{L}+)(?![\p{L}])/iu;

function nthWeekday(text: string, current: string): (FoundDate & { index: number }) | undefined {
  const m = NTH_WEEKDAY.exec(text);
  if (!m) return undefined;
  const nth = NTH[plain(m[1]!)];
  const weekday = WEEKDAY_NUMBER[plain(m[2]!)];
  const monthWord = plain(m[3]!);
  if (nth === undefined || weekday === undefined) return undefined;
  const [year, month] = current.split('-').map(Number) as [number, number];
  const next = /(?:next|pr[óo]ximo)\s+\p{L}+$/iu.test(m[0]);
  let target: number;
  let targetYear = year;
  if (/^(?:month|mes|mês|mes)$/.test(monthWord)) target = next ? month + 1 : month;
  else if (MONTHS[monthWord]) target = MONTHS[monthWord];
  else return undefined;
  if (target > 12) [target, targetYear] = [target - 12, year + 1];
  const pick = (y: number, mo: number) => {
    if (nth > 0) {
      const first = new Date(Date.UTC(y, mo - 1, 1)).getUTCDay();
      return shiftDays(`${y}-${pad(mo)}-01`, ((weekday - first + 7) % 7) + 7 * (nth - 1));
    }
    const last = lastDay(y, mo);
    const lastWeekday = new Date(`${last}T12:00:00Z`).getUTCDay();
    return shiftDays(last, -((lastWeekday - weekday + 7) % 7));
  };
  let local = pick(targetYear, target);
  // A month already past this year is next year's.
  if (local < current && MONTHS[monthWord]) local = pick(targetYear + 1, target);
  return { local, hasTime: false, text: m[0], index: m.index };
}

/** A date chrono misses or misreads in es/pt: the end of the month, or "in N days / weeks / months". */
const MEAL =
  /(?<![\p{L}])(?:(?:right |just )?(?:after|before) (?:lunch|dinner|breakfast|work)|at lunch(?:time)?|despu[ée]s (?:de(?:l)? )?(?:comer|almuerzo|almorzar|cenar|desayuno|desayunar|trabajo|la comida)|antes (?:de(?:l)? )?(?:comer|almuerzo|almorzar|cenar|desayuno|desayunar|la comida)|a la hora de (?:comer|la comida)|depois do (?:almo[çc]o|jantar|caf[ée]|trabalho|expediente)|antes do (?:almo[çc]o|jantar|caf[ée]|trabalho|expediente)|na hora do almo[çc]o|(?:the )?end of (?:play|(?:the )?(?:work(?:ing)? )?day|business)|close of (?:play|business)|eod|cob|(?:final|fin) del d[íi]a|(?:final|fim) do (?:dia|expediente))(?![\p{L}])/iu;

function spokenDate(text: string, now: Date, timeZone: string): (FoundDate & { index: number }) | undefined {
  const current = today(now, timeZone);
  const [year, month] = current.split('-').map(Number) as [number, number];
  const nth = nthWeekday(text, current);
  if (nth) return nth;
  const eom = END_OF_MONTH.exec(text);
  if (eom) {
    const next = Boolean(eom[1] ?? eom[2]);
    return {
      local: next ? lastDay(year, month + 1) : lastDay(year, month),
      hasTime: false,
      text: eom[0],
      index: eom.index,
    };
  }
  const inSome = IN_SOME.exec(text);
  const word = inSome?.[1]!.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  const count = inSome ? (/^\d+$/.test(word!) ? Number(word) : NUMBER_WORDS[word!]) : undefined;
  if (!inSome || !count) return undefined;
  const unit = inSome[2]!.toLowerCase();
  let local: string;
  if (unit.startsWith('m')) {
    const d = new Date(`${current}T12:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + count);
    local = d.toISOString().slice(0, 10);
  } else local = shiftDays(current, unit.startsWith('s') ? 7 * count : count);
  return { local, hasTime: false, text: inSome[0], index: inSome.index };
}

const MORNING =
  /(?<![\p{L}])(?:morning|a\.?m\.?|de la mañana|por la mañana|en la mañana|de madrugada|de la madrugada|madrugada|da manhã|de manhã|pela manhã|cedo|early)(?![\p{L}])|\d\s*a\.?m\b/iu;
const AFTERNOON =
  /(?<![\p{L}])(?:de la tarde|de la noche|por la tarde|por la noche|da tarde|da noite|à noite|pela tarde|pela noite|in the evening|in the afternoon|at night)(?![\p{L}])/iu;

/** "10 mg", "5 km", "20 páginas", "2 tickets": a quantity, never a day or an hour. */
const QUANTITY =
  /(?<![\p{L}\d:])\d+(?:[.,]\d+)?(?=\s*(?:mg|kg|km|g|gr|ml|l|cl|cm|mm|m|mi|lbs?|oz|%|x|pages?|p[áa]ginas?|tickets?|entradas?|ingressos?|boletos?|people|personas|pessoas|copies|copias|c[óo]pias|units?|unidades?|pcs|pieces|piezas|pe[çc]as|reps|vezes|veces|times)(?![\p{L}]))/giu;
const EVENT_TIME =
  /((?<![\p{L}])(?:funci[óo]n|show|sesi[óo]n|sess[ãa]o|pel[íi]cula|filme|partido|jogo|concierto|concerto|misa|missa|vuelo|voo|tren|trem|ônibus|autob[úu]s|bus)\s+(?:de las|de la|das|da)\s+)(\d{1,2}(?::\d{2})?)/giu;
const DAY_WORD =
  /(?<![\p{L}])(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|hoy|ma[ñn]ana|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|hoje|amanh[ãa]|segunda|ter[çc]a|quarta|quinta|sexta)(?![\p{L}])/iu;
/** "every night", "cada noche", "toda noite" with no clock time: how often, not tonight. */
const EVERY_NIGHT =
  /(?<![\p{L}])(?:every|each|cada|toda|todas las|todas as)\s+(?:night|evening|morning|noche|noches|mañana|mañanas|tarde|tardes|noite|noites|manh[ãa]|manh[ãa]s)(?![\p{L}])/giu;
/** The text with quantities and how-often words blanked out (same length, so indices still point into it). */
function masked(text: string): string {
  let out = text.replace(QUANTITY, (n) => 'n'.repeat(n.length));
  // "o show das 21h no sábado", "la función de las 8 el sábado": the hour names the show when a day is said too.
  if (DAY_WORD.test(out))
    out = out.replace(EVENT_TIME, (m, noun: string, time: string) => `${noun}${time.replace(/\d/g, 'n')}`);
  if (!/\d/.test(out)) out = out.replace(EVERY_NIGHT, (w) => w.replace(/\S/g, 'z'));
  return out;
}

/**
 * The first date or time in `text`, read in the user's language and zone (chrono ignores IANA names, so the
 * zone's offset at `now` is passed), as local wall clock. Dates without a year are taken forward.
 */
export const findDate = remembered(
  readDate,
  (text: string, language: Language, now: Date, timeZone: string) =>
    `${language}\u0000${timeZone}\u0000${now.getTime()}\u0000${text}`,
);

function readDate(text: string, language: Language, now: Date, timeZone: string): FoundDate | undefined {
  const reference = { instant: now, timezone: zoneOffset(timeZone, now) };
  const prepared = masked(prepare(text));
  const parse = (parser: chrono.Chrono) =>
    pastThings(
      parser
        .parse(prepared, reference, { forwardDate: true })
        .map((r) => afterNumber(r, prepared, parser, reference)),
      prepared,
      parser,
      reference,
    );
  const results = [...parse(PARSERS[language])];
  if (language !== 'en') results.push(...parse(PARSERS.en));
  const spoken = spokenDate(prepared, now, timeZone);
  const dom = dayOfMonth(prepared, now, timeZone);
  const domAt = dom ? prepared.indexOf(dom.text) : -1;
  // "Monday's meeting" names a meeting, not a date, nor does an acronym ("llamar al SAT"); a reading inside a
  // spoken date ("daqui a 3") is not one either.
  const result = results
    .filter((r) => !namedByDate(r, prepared, results, language))
    .filter((r) => !/^['’]s\b/.test(prepared.slice(r.index + r.text.length)))
    .filter((r) => !/^(?:MON|TUE|WED|THU|FRI|SAT|SUN)$/.test(r.text))
    // "preciso ter uma reunião", "sal de mar": a weekday cut short is a date only where a date stands, and there
    // terse.ts has already written it out.
    .filter((r) => !/^(?:seg|ter|qua|qui|sex|s[áa]b|dom|lun|mar|mi[ée]|jue|vie)\.?$/iu.test(r.text))
    // "é pra ontem", "para ayer": "urgent", not yesterday.
    .filter(
      (r) =>
        !/^(?:ontem|ayer|yesterday)$/i.test(r.text) ||
        !/(?:pra|para|pa|for)\s+$/i.test(prepared.slice(0, r.index)),
    )
    // "an hour before", "dos horas antes": before something said elsewhere, never an hour ago.
    .filter(
      (r) =>
        !/(?:before|beforehand|earlier|ago|antes|atr[áa]s)$/i.test(r.text) ||
        /^(?:the )?(?:day|night|week) before$/i.test(r.text),
    )
    // "asking for a day off", "por un día": a length of time, not a date.
    .filter(
      (r) =>
        !/^(?:for\s+)?(?:an?|one|un|una|um|uma)\s+(?:day|week|month|d[íi]a|semana|mes|m[êe]s)$/i.test(r.text),
    )
    // "it's urgent now", "ahora mismo": the present moment is no date to be due or reminded at.
    .filter((r) => !/^(?:(?:right )?now|ahora(?: mismo)?|agora(?: mesmo)?)$/i.test(r.text))
    .filter(
      (r) =>
        !spoken || r.index + r.text.length <= spoken.index || r.index >= spoken.index + spoken.text.length,
    )
    // "el día 1 con prioridad alta": the day's number read as an hour inside "día 1" is not a time.
    .filter(
      (r) =>
        !dom ||
        domAt < 0 ||
        r.start.isCertain('day') ||
        r.index + r.text.length <= domAt ||
        r.index >= domAt + dom.text.length,
    )
    .sort((a, b) => a.index - b.index)[0];
  const timeOnly = result && !result.start.isCertain('day') && !result.start.isCertain('weekday');
  if (spoken && (!result || timeOnly || spoken.index < result.index)) {
    const date: FoundDate = { local: spoken.local, hasTime: false, text: spoken.text };
    if (!timeOnly || !result.start.isCertain('hour')) return withTime(date, prepared);
    let hour = result.start.get('hour') ?? 0;
    if (AFTERNOON.test(prepared) && hour < 12) hour += 12;
    return {
      ...date,
      local: `${date.local}T${pad(hour)}:${pad(result.start.get('minute') ?? 0)}`,
      hasTime: true,
      timeText: result.text,
    };
  }
  // "after lunch", "by end of play", "depois do almoço": today, at no time one can say, when no day is said.
  const meal = MEAL.exec(prepared);
  if (!result && !dom && meal) return { local: today(now, timeZone), hasTime: false, text: meal[0] };
  if (!result) return dom && withTime(dom, prepared);
  const start = result.start;
  const hasTime = start.isCertain('hour');
  const date = `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
  // "pasado mañana", "depois de amanhã", "day after tomorrow": chrono reads the "tomorrow" alone.
  const after = /(pasado|depois de|(?:the )?day after) (?:mañana|amanh[ãa]|tomorrow)/i.exec(prepared);
  const pasado =
    Boolean(after) &&
    /^(?:mañana|amanh[ãa]|tomorrow)(?![\p{L}])/iu.test(result.text) &&
    after!.index + after![0].length === result.index + /^\S+/.exec(result.text)![0].length;
  // A weekday that is today ("on Tuesday", "segunda às 9h" said on a Monday morning) means the next one: today is
  // said "today".
  const sameWeekday = start.isCertain('weekday') && !start.isCertain('day') && date === today(now, timeZone);
  // "next friday", "el próximo viernes", "a sexta que vem": the one of next week (chrono's es/pt parsers may
  // read this week's), but "next saturday" said on a weekday is the coming weekend.
  const said = `${prepared.slice(Math.max(0, result.index - 12), result.index)}${result.text}`;
  const nextWeek =
    start.isCertain('weekday') &&
    !/\d/.test(result.text) &&
    /(?<![\p{L}])(?:next|pr[óo]xim[oa])\s+(?!weekend)(?:\p{L}+)(?:-feira)?\b/iu.test(said)
      ? nextWeekday(today(now, timeZone), start.get('weekday') ?? 0)
      : undefined;
  const local = pasado ? shiftDays(date, 1) : nextWeek ? nextWeek : sameWeekday ? shiftDays(date, 7) : date;
  const dateText = pasado ? `${after![1]} ${result.text}` : result.text;
  if (hasTime) {
    let hour = start.get('hour') ?? 0;
    // "dia 8 às 9h": chrono reads the time alone; the day of the month is the date.
    if (dom && !start.isCertain('day') && !start.isCertain('weekday'))
      return {
        local: `${dom.local}T${pad(hour)}:${pad(start.get('minute') ?? 0)}`,
        hasTime,
        text: dom.text,
        timeText: result.text,
      };
    let day = local;
    const evening = AFTERNOON.exec(prepared);
    // "remind me at 5", said at 9 in the morning: a bare 1 to 6 o'clock that has passed today is this afternoon
    // (17:00), not 05:00 tomorrow; "at 9" said at 9 stays tomorrow's 09:00, as chrono reads it.
    const bareHour =
      !evening &&
      !start.isCertain('day') &&
      !start.isCertain('weekday') &&
      !start.isCertain('meridiem') &&
      hour >= 1 &&
      hour <= 6;
    const evenToday = `${today(now, timeZone)}T${pad(hour + 12)}:${pad(start.get('minute') ?? 0)}`;
    if (bareHour && local > today(now, timeZone) && evenToday > toLocal(now, timeZone)) {
      hour += 12;
      day = today(now, timeZone);
    }
    // "el jueves a las 5", "tomorrow at 3", "sexta às 4": a clock hour 1 to 6 on a named day is the afternoon's,
    // unless the morning is said.
    if (
      !bareHour &&
      !evening &&
      !start.isCertain('meridiem') &&
      (start.isCertain('day') || start.isCertain('weekday') || local !== today(now, timeZone)) &&
      hour >= 1 &&
      hour <= 6 &&
      !MORNING.test(prepared)
    )
      hour += 12;
    if (evening && hour < 12) {
      hour += 12;
      // chrono moved "at 5" to tomorrow morning; "at 5 in the evening" may still be today.
      const todayAt = `${today(now, timeZone)}T${pad(hour)}:${pad(start.get('minute') ?? 0)}`;
      if (!start.isCertain('day') && !start.isCertain('weekday') && todayAt > toLocal(now, timeZone))
        day = today(now, timeZone);
    }
    return {
      local: `${day}T${pad(hour)}:${pad(start.get('minute') ?? 0)}`,
      hasTime,
      text: dateText,
      ...(evening ? { timeText: evening[0] } : {}),
    };
  }
  return withTime({ local, hasTime, text: dateText }, prepared);
}

const EVENT_NOUN =
  /(?<![\p{L}])(?:funci[óo]n|show|fiesta|festa|party|reuni[óo]n|reuni[ãa]o|cena|jantar|almuerzo|almo[çc]o|concierto|concerto|partido|jogo|vuelo|voo|tren|trem|clase|aula|cita|consulta|evento|boda|casamento|cumplea[ñn]os|anivers[áa]rio|feria|feira|carrera|corrida|sesi[óo]n|sess[ãa]o|pel[íi]cula|filme|misa|missa|turno|pase|sess[ãa]o|ônibus|autob[úu]s|bus)\s+(?:de las|de la|del|de|das|dos|da|do)\s+$/iu;
/**
 * A date that names a thing: "the 8pm show", "the 4th of july party" (an article, the date, a noun), or "la función
 * de las 8" / "o show das 21h" when another day is said for the task ("... el sábado").
 */
function namedByDate(
  result: chrono.ParsedResult,
  text: string,
  all: chrono.ParsedResult[],
  language: Language,
): boolean {
  const before = text.slice(0, result.index);
  const after = text.slice(result.index + result.text.length);
  if (
    language === 'en' &&
    /(?:^|\s)(?:the|a|an|my|our|your|this|that)\s+$/i.test(before) &&
    /^\s+(?!(?:at|on|in|by|for|to|and|or|with|from|until|till|before|after|morning|afternoon|evening|night|noon|today|tomorrow|tonight|next|this)(?![\p{L}]))\p{L}/iu.test(
      after,
    ) &&
    !/^(?:next|this|last)\s/i.test(result.text)
  )
    return true;
  if (!EVENT_NOUN.test(before)) return false;
  return all.some(
    (other) =>
      other !== result &&
      (other.index >= result.index + result.text.length || other.index + other.text.length <= result.index) &&
      (other.start.isCertain('day') || other.start.isCertain('weekday')),
  );
}

const WEEKDAY_WORD =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?$/iu;
/** Words before "del lunes" / "de segunda" that ask for that day's tasks rather than name a thing. */
const LIST_NOUN =
  /(?<![\p{L}])(?:tareas|tarefas|pendientes|pend[êe]ncias|cosas|coisas|tasks|to-?dos|lista|agenda|plan|planes|planos|lo|o|que|antes|despu[ée]s|depois|partir|desde|hasta|at[ée]|vence|vencen|vencem|vencimento|prazo|fecha|data|entrega|tengo|tenho|tem|tens|hay|h[áa]|queda|falta|have|got)\s+$/iu;

/**
 * A weekday that names a thing rather than a date: "the Monday meeting agenda", "la reunión del lunes", "a pauta
 * da reunião de segunda" (a noun, then "del/de/da/do" and the weekday; not "tareas del lunes" nor a range "de
 * segunda a sexta").
 */
function namesAThing(result: chrono.ParsedResult, text: string): boolean {
  if (!WEEKDAY_WORD.test(result.text.split(/\s+/)[0]!)) return false;
  const before = text.slice(0, result.index);
  const after = text.slice(result.index + result.text.length);
  if (/(?:^|\s)(?:the|our|my|your|this week's|next week's)\s+$/i.test(before))
    return /^\s+(?!(?:at|morning|afternoon|evening|night|noon|by|before|after|or|and|to|through|until|till|in|for|of|from|with)(?![\p{L}]))\p{L}/iu.test(
      after,
    );
  const of = /(?<![\p{L}])(?:del|de los|de|da|do|dos|das)\s+$/iu.exec(before);
  const noun = of ? before.slice(0, of.index) : '';
  if (!of || !/\p{L}\s+$/u.test(noun) || LIST_NOUN.test(noun)) return false;
  // "de segunda a sexta", "del lunes al miércoles": a range.
  const next = /^(?:-feira)?\s+(?:a|al|até|e|y|hasta)\s+(?:(?:el|la|o|a)\s+)?(\p{L}+)/iu.exec(
    text.slice(result.index).replace(/^\S+/, ''),
  );
  return !next || !WEEKDAY_WORD.test(next[1]!);
}

/** The results after a weekday that names a thing ("a ata da reunião de quinta até amanhã": "amanhã"). */
function pastThings(
  results: chrono.ParsedResult[],
  text: string,
  parser: chrono.Chrono,
  reference: chrono.ParsingReference,
): chrono.ParsedResult[] {
  return results.flatMap((r) => {
    if (!namesAThing(r, text)) return [r];
    const from = r.index + (/^\S+/.exec(r.text)?.[0].length ?? r.text.length);
    return parser
      .parse(text.slice(from), reference, { forwardDate: true })
      .map((next) =>
        Object.assign(Object.create(Object.getPrototypeOf(next) as object) as chrono.ParsedResult, next, {
          index: next.index + from,
        }),
      )
      .filter((next) => !namesAThing(next, text));
  });
}

/**
 * "sprint 12 next Tuesday", "el capítulo 12 mañana": chrono reads a number of the title before a day as its hour;
 * the day alone is the date when it reads as one by itself.
 */
function afterNumber(
  result: chrono.ParsedResult,
  text: string,
  parser: chrono.Chrono,
  reference: chrono.ParsingReference,
): chrono.ParsedResult {
  const number = /^\d{1,3}\s+(?=\p{L})/u.exec(result.text);
  const before = text.slice(0, result.index);
  if (!number || !/\p{L}[\p{L}\d]*\s+$/u.test(before)) return result;
  if (
    /(?<![\p{L}])(?:at|by|before|around|till|until|las|la|às|as|ás|pelas|the|el|o|dia|d[íi]a)\s+$/iu.test(
      before,
    )
  )
    return result;
  const from = result.index + number[0].length;
  const rest = parser.parse(text.slice(from), reference, { forwardDate: true })[0];
  if (!rest || rest.index !== 0 || (!rest.start.isCertain('day') && !rest.start.isCertain('weekday')))
    return result;
  return Object.assign(Object.create(Object.getPrototypeOf(rest) as object) as chrono.ParsedResult, rest, {
    index: from,
  });
}

/** chrono's es/pt parsers miss a time said apart from the day ("amanhã às 15h", "el viernes a las 10"). */
function withTime(date: FoundDate, prepared: string): FoundDate {
  // "quinta de manhã, 9h", "tomorrow morning, 9:30": a clock time set apart by a comma.
  const time = TIME.exec(prepared) ?? APART_TIME.exec(prepared);
  if (time) {
    let hour = Number(time[1]);
    if (AFTERNOON.test(prepared) && hour < 12) hour += 12;
    const minute = Number(time[2] ?? 0);
    if (/pm/i.test(time[3] ?? '') && hour < 12) hour += 12;
    if (/am/i.test(time[3] ?? '') && hour === 12) hour = 0;
    if (hour < 24 && minute < 60) {
      return {
        local: `${date.local}T${pad(hour)}:${pad(minute)}`,
        hasTime: true,
        text: date.text,
        timeText: time[0],
      };
    }
  }
  return date;
}

const APART_TIME = /(?<=[,;]\s*)(\d{1,2}):(\d{2})()(?![\p{L}\d])/u;
const TIME =
  /(?<![\p{L}])(?:at|@|by|before|around|a las|a la|para las|hasta las|antes de las|sobre las|às|as|ás|pelas|antes das)\s+(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm|h)?(?![\p{L}\d])/iu;

/**
 * "next <weekday>" from `day`: that weekday of the next (Monday to Sunday) week; a Saturday or Sunday said on a
 * weekday is the coming weekend's. `weekday` is 0 (Sunday) to 6.
 */
function nextWeekday(day: string, weekday: number): string {
  const t = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
  const w = (weekday + 6) % 7;
  return w >= 5 && t <= 4 ? shiftDays(day, w - t) : shiftDays(day, 7 - t + w);
}

export function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the user's zone, `YYYY-MM-DD`. */
export function today(now: Date, timeZone: string): string {
  return new Date(now.getTime() + zoneOffset(timeZone, now) * 60_000).toISOString().slice(0, 10);
}

/** Monday..Sunday of the week holding `date` (ISO weeks). */
export function weekOf(date: string): { from: string; to: string } {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  const monday = shiftDays(date, -((day + 6) % 7));
  return { from: monday, to: shiftDays(monday, 6) };
}
