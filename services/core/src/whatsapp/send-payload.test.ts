import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLES_DIR } from '../../../../test/support/services.ts';
import {
  graphErrorSchema,
  markReadRequestSchema,
  sendMessageRequestSchema,
  sendResponseSchema,
} from './send-payload.ts';

const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, SAMPLES_DIR), 'utf8'));
const names = readdirSync(SAMPLES_DIR);

describe('Cloud API send payloads', () => {
  it.each(
    names.filter((n) => n.startsWith('send-') && n.endsWith('-request.json') && !n.includes('mark-read')),
  )('accepts the request sample %s', (name) => {
    expect(sendMessageRequestSchema.safeParse(load(name)).success).toBe(true);
  });

  it('accepts the mark-read sample', () => {
    expect(markReadRequestSchema.safeParse(load('send-mark-read-request.json')).success).toBe(true);
  });

  it('parses the success response and every error sample', () => {
    expect(sendResponseSchema.parse(load('send-response-ok.json')).messages[0]?.id).toMatch(/^wamid\./);
    for (const name of names.filter((n) => n.startsWith('send-response-error-'))) {
      const code = Number(/error-(\d+)/.exec(name)?.[1]);
      expect(graphErrorSchema.parse(load(name)).error.code).toBe(code);
    }
  });

  it('refuses interactive messages over the WhatsApp limits, saying which', () => {
    const tooManyButtons = {
      messaging_product: 'whatsapp',
      to: '5511990000001',
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Pick one' },
        action: {
          buttons: [1, 2, 3, 4].map((i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Button ${i}` } })),
        },
      },
    };
    const result = sendMessageRequestSchema.safeParse(tooManyButtons);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['interactive', 'action', 'buttons']);
    const longText = {
      messaging_product: 'whatsapp',
      to: '1',
      type: 'text',
      text: { body: 'x'.repeat(4097) },
    };
    expect(sendMessageRequestSchema.safeParse(longText).success).toBe(false);
  });
});
