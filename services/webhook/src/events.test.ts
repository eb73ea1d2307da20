import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inboundEventSchema, statusEventSchema, webhookEnvelopeSchema } from '@taskline/core';
import { SAMPLES_DIR } from '../../../test/support/services.ts';
import { extractEvents } from './events.ts';

const load = (name: string) =>
  webhookEnvelopeSchema.parse(JSON.parse(readFileSync(new URL(name, SAMPLES_DIR), 'utf8')));
const extract = (name: string) => extractEvents(load(name), 'acme', new Date('2026-11-24T09:00:00Z'));
const deliveries = readdirSync(SAMPLES_DIR).filter((n) => /^(inbound|status)-.*\.json$/.test(n));

describe('extractEvents', () => {
  it.each(deliveries)('turns %s into events without problems', (name) => {
    const { events, problems } = extract(name);
    expect(problems).toEqual([]);
    expect(events.inbound.length + events.statuses.length).toBeGreaterThan(0);
    for (const event of [...events.inbound, ...events.statuses]) {
      expect(event).toMatchObject({ v: 1, tenant: 'acme', phoneNumberId: '106540352242922' });
      expect(event.wamid).toMatch(/^wamid\./);
    }
    // The events are published as built (no second parse on the hot path): they must already be what the
    // consumers' schemas accept, unchanged.
    for (const event of events.inbound) expect(inboundEventSchema.parse(event)).toEqual(event);
    for (const event of events.statuses) expect(statusEventSchema.parse(event)).toEqual(event);
  });

  it('reads a text message with its sender and profile name', () => {
    const [event] = extract('inbound-text.json').events.inbound;
    expect(event).toMatchObject({
      from: '5511990000001',
      profileName: 'Ana Souza',
      type: 'text',
      text: 'Create a task to review the quarterly reports',
      timestamp: 1764000000,
    });
  });

  it('gives two events for a delivery with two messages', () => {
    expect(extract('inbound-two-messages-one-delivery.json').events.inbound).toHaveLength(2);
  });

  it('keys a username user by business-scoped user id when the phone number is withheld', () => {
    const [event] = extract('inbound-text-username-no-phone.json').events.inbound;
    expect(event?.from).toBeUndefined();
    expect(event?.userId).toBe('PT.88231409655302749921');
    expect(event?.profileName).toBe('rita.m');
  });

  it('carries the business-scoped user id alongside the phone number when both are sent', () => {
    const [event] = extract('inbound-text-bsuid.json').events.inbound;
    expect(event?.from).toBeDefined();
    expect(event?.userId).toMatch(/^[A-Z]{2}\.\d+$/);
  });

  it('exposes button and list replies, and template quick replies, as a reply', () => {
    for (const name of [
      'inbound-interactive-button-reply.json',
      'inbound-interactive-list-reply.json',
      'inbound-template-quick-reply-button.json',
    ]) {
      const [event] = extract(name).events.inbound;
      expect(event?.reply?.id, name).toBeTruthy();
      expect(event?.reply?.title, name).toBeTruthy();
    }
  });

  it('accepts types it cannot read, keeping the raw message', () => {
    for (const [name, type] of [
      ['inbound-audio.json', 'audio'],
      ['inbound-image.json', 'image'],
      ['inbound-location.json', 'location'],
      ['inbound-reaction.json', 'reaction'],
    ] as const) {
      const [event] = extract(name).events.inbound;
      expect(event?.type).toBe(type);
      expect(event?.message).toHaveProperty(type);
    }
    const [unsupported] = extract('inbound-unsupported.json').events.inbound;
    expect(unsupported?.type).toBe('unsupported');
    expect(unsupported?.message).toHaveProperty('errors');
  });

  it('maps delivery statuses with their error codes', () => {
    expect(extract('status-sent.json').events.statuses[0]?.status).toBe('sent');
    expect(extract('status-delivered.json').events.statuses[0]?.status).toBe('delivered');
    expect(extract('status-read.json').events.statuses[0]?.status).toBe('read');
    const [failed] = extract('status-failed-131047.json').events.statuses;
    expect(failed).toMatchObject({ status: 'failed', errors: [{ code: 131047 }] });
    expect(failed?.errors?.[0]?.details).toMatch(/24 hours/);
  });

  it('skips changes of other fields and statuses it does not know', () => {
    const envelope = load('status-sent.json');
    const change = envelope.entry[0]!.changes[0]!;
    const value = change.value as { statuses: { status: string }[] };
    value.statuses[0]!.status = 'deleted';
    envelope.entry[0]!.changes.push({ field: 'account_update', value: {} });
    const { events, problems } = extractEvents(envelope, 'acme', new Date());
    expect(problems).toEqual([]);
    expect(events.statuses).toEqual([]);
    expect(events.skipped).toHaveLength(2);
  });

  it('names the path of each shape problem', () => {
    const envelope = load('inbound-text.json');
    const value = envelope.entry[0]!.changes[0]!.value as {
      metadata: Record<string, unknown>;
      messages: unknown[];
    };
    delete value.metadata.phone_number_id;
    value.messages[0] = { id: 'wamid.x', type: 'text' };
    const { problems } = extractEvents(envelope, 'acme', new Date());
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('entry[0].changes[0].value.metadata.phone_number_id');
    expect(paths).toContain('entry[0].changes[0].value.messages[0].timestamp');
  });

  it('refuses a timestamp too long to be an exact number of seconds', () => {
    const envelope = load('inbound-text.json');
    const value = envelope.entry[0]!.changes[0]!.value as { messages: { timestamp: string }[] };
    value.messages[0]!.timestamp = '9'.repeat(20);
    const { events, problems } = extractEvents(envelope, 'acme', new Date());
    expect(events.inbound).toEqual([]);
    expect(problems).toEqual([
      {
        path: 'entry[0].changes[0].value.messages[0].timestamp',
        message: 'must be Unix seconds as a string (at most 12 digits)',
      },
    ]);
  });
});
