/**
 * A zone's offset from UTC, for the date parser. The understanding keeps this one helper of its own instead of
 * importing `@taskline/core`: that import loads the database, NATS and configuration modules (about 0.7 s of the
 * understanding's start-up for `taskline nlu` and the evaluation), none of which it uses. `zone.test.ts` checks it
 * agrees with core's `offsetMinutes` and `toLocal`.
 */
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

/** The instant as local wall clock in `timeZone`, `YYYY-MM-DDTHH:mm`. */
export function toLocal(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMinutes(timeZone, instant) * 60_000).toISOString().slice(0, 16);
}
