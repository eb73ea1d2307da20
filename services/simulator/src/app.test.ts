import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { sendResponseSchema } from '@taskline/core';
import { SAMPLES_DIR } from '../../../test/support/services.ts';
import { buildApp } from './app.ts';
import { SimulatorState } from './state.ts';

const NUMBER = {
  phoneNumberId: '106540352242922',
  accessToken: 'sim-token',
  appSecret: 'sim-secret',
  webhookUrl: 'http://127.0.0.1:9/webhook',
  displayPhoneNumber: '15550783881',
};
const sample = (name: string): unknown => JSON.parse(readFileSync(new URL(name, SAMPLES_DIR), 'utf8'));
const textBody = sample('send-text-request.json');

describe('simulator Cloud API', () => {
  let state: SimulatorState;
  let app: ReturnType<typeof buildApp>;
  const send = (body: unknown, token = NUMBER.accessToken, id = NUMBER.phoneNumberId) =>
    app.inject({
      method: 'POST',
      url: `/v24.0/${id}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    });

  beforeEach(() => {
    state = new SimulatorState();
    state.settings.sendStatuses = false;
    state.register(NUMBER);
    app = buildApp({ state, registry: new Registry() });
  });
  afterEach(async () => {
    await app.close();
  });

  it('accepts a text message with the documented response and records it', async () => {
    const response = await send(textBody);
    expect(response.statusCode).toBe(200);
    const parsed = sendResponseSchema.parse(response.json());
    expect(Object.keys(response.json<object>()).sort()).toEqual(
      Object.keys(sample('send-response-ok.json') as object).sort(),
    );
    expect(parsed.messages[0]).toMatchObject({
      id: expect.stringMatching(/^wamid\./),
      message_status: 'accepted',
    });
    expect(parsed.contacts?.[0]).toEqual({ input: '5511990000001', wa_id: '5511990000001' });
    const [recorded] = state.conversation(NUMBER.phoneNumberId, '5511990000001');
    expect(recorded).toMatchObject({ direction: 'out', text: expect.stringContaining('quarterly reports') });
  });

  it.each(readdirSync(SAMPLES_DIR).filter((n) => n.startsWith('send-') && n.endsWith('-request.json')))(
    'accepts the sample request %s',
    async (name) => {
      expect((await send(sample(name))).statusCode).toBe(200);
    },
  );

  it('answers a wrong or missing bearer token with the Graph 190 error', async () => {
    const response = await send(textBody, 'stolen');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      error: { code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) },
    });
  });

  it('refuses an unknown phone number id and an invalid body, saying what is wrong', async () => {
    expect((await send(textBody, NUMBER.accessToken, '999')).json()).toMatchObject({ error: { code: 100 } });
    const invalid = await send({ messaging_product: 'whatsapp', to: '1', type: 'text', text: {} });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.error_data.details).toMatch(/text\.body/);
  });

  it.each([
    ['rate_limit', 429, 130429],
    ['server_error', 500, 131000],
    ['outside_window', 400, 131047],
    ['token_expired', 401, 190],
  ] as const)('injects the %s fault for the next request only', async (mode, status, code) => {
    await app.inject({ method: 'PUT', url: '/_sim/faults', payload: { mode, count: 1 } });
    const faulty = await send(textBody);
    expect(faulty.statusCode).toBe(status);
    expect(faulty.json()).toMatchObject({ error: { code } });
    expect((await send(textBody)).statusCode).toBe(200);
  });

  it('refuses free-form messages outside the 24-hour window when asked to enforce it', async () => {
    await app.inject({ method: 'PUT', url: '/_sim/settings', payload: { enforceWindow: true } });
    expect((await send(textBody)).json()).toMatchObject({ error: { code: 131047 } });
    expect((await send(sample('send-template-request.json'))).statusCode).toBe(200);
  });

  it('marks an inbound message read, with the typing indicator', async () => {
    const response = await send({
      ...(sample('send-mark-read-request.json') as object),
      typing_indicator: { type: 'text' },
    });
    expect(response.json()).toEqual({ success: true });
  });

  it('explains bad control requests', async () => {
    const bad = await app.inject({ method: 'PUT', url: '/_sim/faults', payload: { mode: 'meteor' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/mode/);
    const unknown = await app.inject({
      method: 'POST',
      url: '/_sim/phones/+5511990000001/messages',
      payload: { phoneNumberId: '1', text: 'hi' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
