import { describe, expect, it } from 'vitest';
import { defaultsForPhone, parseSetting, zoneFor } from './settings.handler.ts';

describe('settings said in chat', () => {
  it('finds time zones by city, in three languages', () => {
    expect(parseSetting('set my timezone to Lisbon')).toEqual({ kind: 'timezone', zone: 'Europe/Lisbon' });
    expect(parseSetting('cambia mi zona horaria a Ciudad de México')).toEqual({
      kind: 'timezone',
      zone: 'America/Mexico_City',
    });
    expect(parseSetting('mude meu fuso horário para São Paulo')).toEqual({
      kind: 'timezone',
      zone: 'America/Sao_Paulo',
    });
    expect(parseSetting("I'm in Tokyo")).toEqual({ kind: 'timezone', zone: 'Asia/Tokyo' });
    expect(parseSetting('set my timezone to Atlantis')).toEqual({
      kind: 'unknown-timezone',
      said: 'Atlantis',
    });
    expect(zoneFor('America/New_York')).toBe('America/New_York');
  });

  it('changes the reply language and the opt-out', () => {
    expect(parseSetting('reply in Spanish')).toEqual({ kind: 'language', language: 'es' });
    expect(parseSetting('responda em português, por favor')).toEqual({ kind: 'language', language: 'pt' });
    expect(parseSetting('STOP')).toEqual({ kind: 'stop' });
    expect(parseSetting('start')).toEqual({ kind: 'start' });
    expect(parseSetting('stop reminding me about the rent')).toBeNull();
    expect(parseSetting('create a task to stop the car')).toBeNull();
  });

  it('derives zone and language from the phone’s country code', () => {
    expect(defaultsForPhone('+5511990000001')).toEqual({ timezone: 'America/Sao_Paulo', language: 'pt' });
    expect(defaultsForPhone('+351912345678')).toEqual({ timezone: 'Europe/Lisbon', language: 'pt' });
    expect(defaultsForPhone('+34600000000')).toEqual({ timezone: 'Europe/Madrid', language: 'es' });
    expect(defaultsForPhone('+15551234567')).toEqual({ timezone: 'America/New_York', language: 'en' });
    expect(defaultsForPhone(null)).toBeUndefined();
  });
});
