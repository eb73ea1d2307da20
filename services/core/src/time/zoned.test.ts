import { describe, expect, it } from 'vitest';
import { fromLocal, offsetMinutes, toLocal } from './zoned.ts';

describe('zoned wall-clock times', () => {
  it('knows the offset of a zone at an instant, DST included', () => {
    expect(offsetMinutes('Europe/Madrid', new Date('2026-01-15T12:00:00Z'))).toBe(60);
    expect(offsetMinutes('Europe/Madrid', new Date('2026-07-15T12:00:00Z'))).toBe(120);
    expect(offsetMinutes('America/Sao_Paulo', new Date('2026-11-24T12:00:00Z'))).toBe(-180);
    expect(offsetMinutes('Asia/Kolkata', new Date('2026-11-24T12:00:00Z'))).toBe(330);
  });

  it('turns local wall clock into the instant, on both sides of a DST change', () => {
    expect(fromLocal('2026-11-25T09:00', 'America/Sao_Paulo').instant.toISOString()).toBe(
      '2026-11-25T12:00:00.000Z',
    );
    expect(fromLocal('2026-03-28T09:00', 'Europe/Madrid').instant.toISOString()).toBe(
      '2026-03-28T08:00:00.000Z',
    );
    expect(fromLocal('2026-03-30T09:00', 'Europe/Madrid').instant.toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(fromLocal('2026-11-27', 'Asia/Tokyo')).toEqual({
      instant: new Date('2026-11-26T15:00:00.000Z'),
      allDay: true,
    });
  });

  it('round-trips through toLocal', () => {
    const { instant } = fromLocal('2026-12-31T23:30', 'Pacific/Auckland');
    expect(toLocal(instant, 'Pacific/Auckland')).toBe('2026-12-31T23:30');
    expect(toLocal(fromLocal('2026-02-28', 'Europe/Lisbon').instant, 'Europe/Lisbon', true)).toBe(
      '2026-02-28',
    );
  });

  it('refuses what is not a local date or time', () => {
    expect(() => fromLocal('tomorrow', 'UTC')).toThrow(RangeError);
    expect(() => fromLocal('2026-02-30', 'UTC')).toThrow(/not a date/);
  });
});
