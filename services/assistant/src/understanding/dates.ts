import * as chrono from 'chrono-node';
import { offsetMinutes, toLocal } from '@taskline/core';
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

const PARSERS = { en: chrono.en.casual, es: chrono.es.casual, pt: chrono.pt.casual } as const;
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

/** Phrasings chrono misses, rewritten to ones it reads. */
export function prepare(text: string): string {
  return (
    text
      .replace(
        /(?<![\p{L}\d])(\d{1,2})h(\d{2})?(?![\p{L}\d])/gu,
        (_m, h: string, m?: string) => `${h}:${m ?? '00'}`,
      )
      .replace(/(?<![\p{L}])a las (\d{1,2})h(?![\p{L}\d])/giu, 'a las $1')
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

function dayOfMonth(text: string, now: Date, timeZone: string): FoundDate | undefined {
  const match = DAY_OF_MONTH.exec(text);
  const day = Number(match?.[1]);
  if (!match || day < 1 || day > 31) return undefined;
  const current = today(now, timeZone);
  let [year, month] = current.split('-').map(Number) as [number, number];
  if (day < Number(current.slice(8, 10))) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return { local: `${year}-${pad(month)}-${pad(day)}`, hasTime: false, text: match[0] };
}

const AFTERNOON =
  /(?<![\p{L}])(?:de la tarde|de la noche|por la tarde|por la noche|da tarde|da noite|à noite|pela tarde|pela noite|in the evening|in the afternoon|at night)(?![\p{L}])/iu;

/**
 * The first date or time in `text`, read in the user's language and zone (chrono ignores IANA names, so the
 * zone's offset at `now` is passed), as local wall clock. Dates without a year are taken forward.
 */
export function findDate(
  text: string,
  language: Language,
  now: Date,
  timeZone: string,
): FoundDate | undefined {
  const reference = { instant: now, timezone: offsetMinutes(timeZone, now) };
  const prepared = prepare(text);
  const results = [...PARSERS[language].parse(prepared, reference, { forwardDate: true })];
  if (language !== 'en') results.push(...PARSERS.en.parse(prepared, reference, { forwardDate: true }));
  // "Monday's meeting" names a meeting, not a date.
  const result = results
    .filter((r) => !/^['’]s\b/.test(prepared.slice(r.index + r.text.length)))
    .sort((a, b) => a.index - b.index)[0];
  const dom = dayOfMonth(prepared, now, timeZone);
  if (!result) return dom && withTime(dom, prepared);
  const start = result.start;
  const hasTime = start.isCertain('hour');
  const date = `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
  const pasado = /pasado (mañana)/i.test(prepared) && result.text.toLowerCase() === 'mañana';
  // A bare weekday that is today ("on Tuesday", said on a Tuesday) means the next one.
  const sameWeekday =
    start.isCertain('weekday') && !start.isCertain('day') && !hasTime && date === today(now, timeZone);
  const local = pasado ? shiftDays(date, 1) : sameWeekday ? shiftDays(date, 7) : date;
  const dateText = pasado ? `pasado ${result.text}` : result.text;
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

/** chrono's es/pt parsers miss a time said apart from the day ("amanhã às 15h", "el viernes a las 10"). */
function withTime(date: FoundDate, prepared: string): FoundDate {
  const time = TIME.exec(prepared);
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

const TIME =
  /(?<![\p{L}])(?:at|@|a las|a la|às|as|ás)\s+(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm|h)?(?![\p{L}\d])/iu;

export function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the user's zone, `YYYY-MM-DD`. */
export function today(now: Date, timeZone: string): string {
  return new Date(now.getTime() + offsetMinutes(timeZone, now) * 60_000).toISOString().slice(0, 10);
}

/** Monday..Sunday of the week holding `date` (ISO weeks). */
export function weekOf(date: string): { from: string; to: string } {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  const monday = shiftDays(date, -((day + 6) % 7));
  return { from: monday, to: shiftDays(monday, 6) };
}
