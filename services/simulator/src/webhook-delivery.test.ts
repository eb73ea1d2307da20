import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { messagesValueSchema, verifySignature, webhookEnvelopeSchema } from '@taskline/core';
import { buildApp } from './app.ts';
import { SimulatorState } from './state.ts';

/** A stand-in tenant webhook that checks signatures like ours does and records what it got. */
describe('simulator webhook deliveries', () => {
  const SECRET = 'sim-delivery-secret';
  const received: { signed: boolean; body: unknown }[] = [];
  let failNext = 0;
  let server: Server;
  let state: SimulatorState;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const header = request.headers['x-hub-signature-256'];
        received.push({
          signed: verifySignature(raw, typeof header === 'string' ? header : undefined, SECRET),
          body: JSON.parse(raw.toString()),
        });
        response.statusCode = failNext-- > 0 ? 500 : 200;
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
    failNext = 0;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    state = new SimulatorState();
    state.settings.statusDelaysMs = { sent: 5, delivered: 10, read: 15 };
    state.register({
      phoneNumberId: '106540352242922',
      accessToken: 't',
      appSecret: SECRET,
      webhookUrl: `http://127.0.0.1:${port}/webhook`,
      displayPhoneNumber: '15550783881',
    });
    app = buildApp({ state, registry: new Registry() });
  });
  const inbound = (payload: object) =>
    app.inject({ method: 'POST', url: '/_sim/phones/+5511990000001/messages', payload });
  const value = (body: unknown) => {
    const envelope = webhookEnvelopeSchema.parse(body);
    return messagesValueSchema.parse(envelope.entry[0]!.changes[0]!.value);
  };

  it('delivers a signed inbound text shaped like Meta sends it', async () => {
    const response = await inbound({
      text: 'Create a task to review the quarterly reports',
      profileName: 'Ana',
    });
    expect(response.statusCode).toBe(201);
    expect(received).toHaveLength(1);
    expect(received[0]?.signed).toBe(true);
    const v = value(received[0]?.body);
    expect(v.contacts?.[0]).toMatchObject({ wa_id: '5511990000001', profile: { name: 'Ana' } });
    expect(v.messages?.[0]).toMatchObject({
      from: '5511990000001',
      type: 'text',
      text: { body: expect.any(String) },
    });
  });

  it('withholds the phone number for a username user, keeping the user id', async () => {
    await inbound({ text: 'oi', userId: 'PT.88231409655302749921', withholdPhone: true });
    const v = value(received[0]?.body);
    expect(v.messages?.[0]?.from).toBeUndefined();
    expect(v.messages?.[0]?.from_user_id).toBe('PT.88231409655302749921');
    expect(v.contacts?.[0]).toEqual({ profile: { name: 'Test Phone' }, user_id: 'PT.88231409655302749921' });
  });

  it('sends button and list replies as interactive messages', async () => {
    await inbound({ reply: { id: 'task:done:1', title: 'Mark done', kind: 'button' } });
    await inbound({ reply: { id: 'row-2', title: 'Second', kind: 'list' } });
    expect(value(received[0]?.body).messages?.[0]?.interactive?.button_reply).toEqual({
      id: 'task:done:1',
      title: 'Mark done',
    });
    expect(value(received[1]?.body).messages?.[0]?.interactive?.list_reply).toEqual({
      id: 'row-2',
      title: 'Second',
    });
  });

  it('delivers the same body several times when asked to duplicate, and reports a refusing webhook', async () => {
    await inbound({ text: 'hi', duplicate: 3 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => JSON.stringify(r.body))).size).toBe(1);
    failNext = 1;
    const refused = await inbound({ text: 'hi again' });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.message).toMatch(/500/);
  });

  it('sends signed sent, delivered and read statuses for an accepted message, retrying a failed delivery', async () => {
    failNext = 1;
    const sent = await app.inject({
      method: 'POST',
      url: '/v24.0/106540352242922/messages',
      headers: { authorization: 'Bearer t' },
      payload: { messaging_product: 'whatsapp', to: '5511990000001', type: 'text', text: { body: 'Done!' } },
    });
    const wamid = sent.json().messages[0].id as string;
    await expect
      .poll(() => received.filter((r) => r.signed).length, { timeout: 3000 })
      .toBeGreaterThanOrEqual(4);
    const statuses = received.map((r) => value(r.body).statuses?.[0]).filter((s) => s?.id === wamid);
    expect(new Set(statuses.map((s) => s?.status))).toEqual(new Set(['sent', 'delivered', 'read']));
    expect(received.every((r) => r.signed)).toBe(true);
  });

  it('wakes a waiting client when the reply arrives', async () => {
    const waiting = app.inject({ url: '/_sim/phones/5511990000001/wait?after=0&timeoutMs=2000' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await app.inject({
      method: 'POST',
      url: '/v24.0/106540352242922/messages',
      headers: { authorization: 'Bearer t' },
      payload: { messaging_product: 'whatsapp', to: '5511990000001', type: 'text', text: { body: 'Hello' } },
    });
    const response = await waiting;
    expect(response.statusCode).toBe(200);
    expect(response.json<{ messages: unknown[] }>().messages.at(-1)).toMatchObject({
      direction: 'out',
      text: 'Hello',
    });
    const timeout = await app.inject({ url: '/_sim/phones/5511990000001/wait?after=5&timeoutMs=50' });
    expect(timeout.statusCode).toBe(408);
  });
});
