import { describe, expect, it } from 'vitest';
import * as core from '@taskline/core';
import { offsetMinutes, toLocal } from './zone.ts';

describe('zone', () => {
  it.each([
    ['Europe/Madrid', '2026-03-29T00:30:00Z'],
    ['Europe/Madrid', '2026-03-29T01:30:00Z'],
    ['America/Sao_Paulo', '2026-11-24T12:00:00Z'],
    ['America/New_York', '2026-11-01T05:59:00Z'],
    ['America/New_York', '2026-11-01T06:01:00Z'],
    ['Asia/Kolkata', '2027-01-11T04:50:00Z'],
    ['Pacific/Chatham', '2026-09-27T13:00:00Z'],
  ])('agrees with @taskline/core in %s at %s', (zone, at) => {
    const instant = new Date(at);
    expect(offsetMinutes(zone, instant)).toBe(core.offsetMinutes(zone, instant));
    expect(toLocal(instant, zone)).toBe(core.toLocal(instant, zone));
  });
});
