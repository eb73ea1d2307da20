import { describe, expect, it } from 'vitest';
import { format, parseCli } from './cli.ts';

describe('simulator CLI', () => {
  it('serves by default and reads the common options', () => {
    expect(parseCli([], {}).command).toBe('serve');
    const send = parseCli(['send', '--phone', '+5511990000001', '--text', 'hi', '--timeout', '500'], {
      SIMULATOR_URL: 'http://sim:8090/',
    });
    expect(send).toMatchObject({
      command: 'send',
      phone: '+5511990000001',
      text: 'hi',
      timeoutMs: 500,
      url: 'http://sim:8090',
    });
  });

  it('says what is missing or unknown, with the usage', () => {
    expect(() => parseCli(['send', '--phone', '+1555'], {})).toThrow(/--text is required[\s\S]*usage/);
    expect(() => parseCli(['register'], {})).toThrow(/--phone-number-id is required/);
    expect(() => parseCli(['send', '--bogus'], {})).toThrow(/bogus/);
    expect(() => parseCli(['dance'], {})).toThrow(/unknown command "dance"/);
  });

  it('prints a conversation the way a phone shows it', () => {
    const line = format({
      direction: 'out',
      wamid: 'wamid.1',
      type: 'interactive',
      text: 'Delete it?',
      options: ['Yes', 'No'],
      at: '',
      statuses: [],
      body: {},
    });
    expect(line).toBe('< bot: Delete it?\n        [1] Yes  [2] No');
  });
});
