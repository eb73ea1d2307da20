/**
 * Wall-clock times in a user's IANA zone <-> instants. The assistant's contract speaks local wall-clock strings
 * (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`); the database stores instants. Also exported alone as `@taskline/core/time`
 * (no imports): the offline understanding reads dates with it without loading the rest of core (~0.7 s of start-up).
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

// Building an Intl.DateTimeFormat costs far more than using one (a profile of the worker showed it): one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size < 1000) formatters.set(timeZone, format);
  }
  return format;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Madrid in winter: 60). */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export interface LocalTime {
  instant: Date;
  /** True when only a date was given (stored at local midnight). */
  allDay: boolean;
}

/** `2026-11-27` or `2026-11-27T09:00` in `timeZone` -> the instant. Throws RangeError on anything else. */
export function fromLocal(local: string, timeZone: string): LocalTime {
  const m = LOCAL.exec(local.trim());
  if (!m) throw new RangeError(`"${local}" is not YYYY-MM-DD or YYYY-MM-DDTHH:mm`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset across a DST change.
  let instant = guess - offsetMinutes(timeZone, new Date(guess)) * 60_000;
  instant = guess - offsetMinutes(timeZone, new Date(instant)) * 60_000;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new RangeError(`"${local}" is not a date`);
  return { instant: new Date(instant), allDay: m[4] === undefined };
}

/** The instant as local wall clock in `timeZone`: `YYYY-MM-DD`, or with `THH:mm` unless `allDay`. */
export function toLocal(instant: Date, timeZone: string, allDay = false): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(timeZone, instant) * 60_000);
  const iso = shifted.toISOString();
  return allDay ? iso.slice(0, 10) : iso.slice(0, 16);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
