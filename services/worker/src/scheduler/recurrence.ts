import { fromLocal, toLocal } from '@taskline/core';

const RULE = /^(?:daily|weekly:([1-7]))@([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `rule` is a recurrence the scheduler understands: `daily@08:00` or `weekly:1@09:00` (1 = Monday). */
export function isRecurrence(rule: string): boolean {
  return RULE.test(rule);
}

/** The first occurrence of `rule` strictly after `after`, in the user's zone. */
export function nextOccurrence(rule: string, after: Date, timeZone: string): Date {
  const m = RULE.exec(rule);
  if (!m) throw new RangeError(`"${rule}" is not daily@HH:mm or weekly:D@HH:mm`);
  const weekday = m[1] ? Number(m[1]) : undefined;
  const time = `${m[2]}:${m[3]}`;
  let day = toLocal(after, timeZone, true);
  for (let i = 0; i < 8; i++) {
    const candidate = fromLocal(`${day}T${time}`, timeZone).instant;
    const isoWeekday = ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (candidate > after && (weekday === undefined || weekday === isoWeekday)) return candidate;
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    day = next.toISOString().slice(0, 10);
  }
  throw new RangeError(`no occurrence of "${rule}" within a week`);
}
