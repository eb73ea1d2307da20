import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger, signBody, type Publisher } from '@taskline/core';
import { SAMPLES_DIR } from '../../../test/support/services.ts';
import { buildApp } from './app.ts';

const SECRET = 'webhook-test-app-secret';
const config = {
  TENANT: 'acme',
  WHATSAPP_APP_SECRET: SECRET,
  WHATSAPP_VERIFY_TOKEN: 'verify-me',
  WEBHOOK_BODY_LIMIT: 64 * 1024,
};
const sample = (name: string) => readFileSync(new URL(name, SAMPLES_DIR));

/** Records what would go to JetStream; `fail` makes every publish reject like an unreachable server. */
class RecordingPublisher implements Publisher {
  published: { subject: string; data: string; msgId: string }[] = [];
  fail = false;
  publish(subject: string, data: string, msgId: string) {
    if (this.fail) return Promise.reject(new Error('TimeoutError: timeout'));
    const duplicate = this.published.some((p) => p.msgId === msgId);
    this.published.push({ subject, data, msgId });
    return Promise.resolve({ duplicate });
  }
}

describe('webhook app', () => {
  let publisher: RecordingPublisher;
  let app: ReturnType<typeof buildApp>;
  const post = (body: Buffer | string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/webhook',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, SECRET),
        ...headers,
      },
      payload: body,
    });

  beforeEach(() => {
    publisher = new RecordingPublisher();
    app = buildApp({ config, log: createLogger('test', 'silent'), registry: new Registry(), publisher });
  });
  afterEach(async () => {
    await app.close();
  });

  it('answers the verification handshake with the challenge as plain text', async () => {
    const response = await app.inject({
      url: '/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('1158201444');
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('refuses the handshake with a wrong token or mode, and asks for a missing challenge', async () => {
    const wrong = await app.inject({
      url: '/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(
      (await app.inject({ url: '/webhook?hub.mode=unsubscribe&hub.verify_token=verify-me' })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: '/webhook?hub.mode=subscribe&hub.verify_token=verify-me' })).statusCode,
    ).toBe(400);
  });

  it('publishes a signed delivery and answers 200 after the acknowledgement', async () => {
    const response = await post(sample('inbound-text.json'));
    expect(response.statusCode).toBe(200);
    expect(publisher.published).toHaveLength(1);
    const [published] = publisher.published;
    expect(published?.subject).toBe('taskline.acme.inbound');
    expect(published?.msgId).toBe('wamid.HBgNNTUxMTk5MDAwMDAwMRUCABIYFjNFQjBGQTk4RDVCMTQ2QkU1QTRDAA==');
    expect(JSON.parse(published!.data)).toMatchObject({
      text: 'Create a task to review the quarterly reports',
    });
  });

  it('publishes statuses to the status subject with wamid:status as the id', async () => {
    expect((await post(sample('status-read.json'))).statusCode).toBe(200);
    expect(publisher.published[0]?.subject).toBe('taskline.acme.status');
    expect(publisher.published[0]?.msgId).toMatch(/^wamid\..+:read$/);
  });

  it('also serves the root path, for apps registered without /webhook', async () => {
    const body = sample('inbound-text.json');
    const response = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SECRET) },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
  });

  it('rejects a missing or wrong signature with 401 and publishes nothing', async () => {
    const body = sample('inbound-text.json');
    expect((await post(body, { 'x-hub-signature-256': signBody(body, 'another-secret') })).statusCode).toBe(
      401,
    );
    const unsigned = await app.inject({
      method: 'POST',
      url: '/webhook',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(publisher.published).toEqual([]);
  });

  it('verifies the signature over the exact bytes, \\u escapes included', async () => {
    const body = Buffer.from(
      sample('inbound-text.json').toString().replace('Create a task', 'Revis\\u00e3o: create a task'),
    );
    expect((await post(body)).statusCode).toBe(200);
    expect(JSON.parse(publisher.published[0]!.data)).toMatchObject({
      text: expect.stringContaining('Revisão'),
    });
  });

  it('answers 400 for malformed JSON and for the wrong shape, saying what was wrong', async () => {
    const malformed = await post('{"object": "whatsapp_business_account",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/malformed JSON/);

    const wrongShape = await post(JSON.stringify({ object: 'page', entry: [] }));
    expect(wrongShape.statusCode).toBe(400);
    const details = wrongShape.json().error.details as { path: string }[];
    expect(details.map((d) => d.path)).toEqual(expect.arrayContaining(['object', 'entry']));

    const noPhoneNumberId = JSON.parse(sample('inbound-text.json').toString());
    delete noPhoneNumberId.entry[0].changes[0].value.metadata.phone_number_id;
    const missing = await post(JSON.stringify(noPhoneNumberId));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([
      expect.objectContaining({ path: 'entry[0].changes[0].value.metadata.phone_number_id' }),
    ]);
    expect(publisher.published).toEqual([]);
  });

  it('answers 413 for a body over the limit, and reads any content type before checking the signature', async () => {
    const big = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(70 * 1024),
    });
    const tooLarge = await post(big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const text = await post('hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(400);
    const charset = await post(sample('inbound-text.json'), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(charset.statusCode).toBe(200);
    publisher.published.length = 0;
    const forged = await post('hello', { 'content-type': 'text/plain', 'x-hub-signature-256': 'sha256=00' });
    expect(forged.statusCode).toBe(401);
    expect(publisher.published).toEqual([]);
  });

  it('answers 503 with Retry-After when JetStream does not acknowledge, so Meta retries', async () => {
    publisher.fail = true;
    const response = await post(sample('inbound-two-messages-one-delivery.json'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ error: { code: 'DEPENDENCY_UNAVAILABLE' } });
  });

  it('accepts every kind of delivery in the samples', async () => {
    for (const name of [
      'inbound-audio.json',
      'inbound-image.json',
      'inbound-location.json',
      'inbound-reaction.json',
      'inbound-unsupported.json',
      'inbound-interactive-button-reply.json',
      'inbound-interactive-list-reply.json',
      'inbound-template-quick-reply-button.json',
      'inbound-text-username-no-phone.json',
      'status-failed-131047.json',
    ]) {
      expect((await post(sample(name))).statusCode, name).toBe(200);
    }
  });

  it('counts outcomes on /metrics', async () => {
    await post(sample('inbound-text.json'));
    await post(sample('inbound-text.json'), { 'x-hub-signature-256': 'sha256=00' });
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/taskline_webhook_requests_total\{outcome="ok"\} 1/);
    expect(metrics).toMatch(/taskline_webhook_requests_total\{outcome="bad_signature"\} 1/);
    expect(metrics).toMatch(/taskline_webhook_events_published_total\{kind="inbound",duplicate="false"\} 1/);
  });
});
