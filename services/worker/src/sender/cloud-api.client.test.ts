import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { graphErrorSchema } from '@taskline/core';
import { CloudApiClient, classify } from './cloud-api.client.ts';

const samples = new URL('../../../../../shared/whatsapp/samples/', import.meta.url);
const graphError = (name: string) =>
  graphErrorSchema.parse(JSON.parse(readFileSync(new URL(name, samples), 'utf8'))).error;

describe('classify', () => {
  it('retries the throughput limit 130429 with a back-off', () => {
    const result = classify(429, graphError('send-response-error-130429.json'));
    expect(result).toMatchObject({ kind: 'retry', code: 130429 });
    expect(result.kind === 'retry' && result.delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('never retries 131047 (outside the 24-hour window)', () => {
    expect(classify(400, graphError('send-response-error-131047.json'))).toMatchObject({
      kind: 'permanent',
      code: 131047,
      credentials: false,
    });
  });

  it('flags an expired token (190) as a credentials problem and does not retry it', () => {
    expect(classify(401, graphError('send-response-error-190.json'))).toMatchObject({
      kind: 'permanent',
      code: 190,
      credentials: true,
    });
  });

  it('retries server errors and throttling without a Graph error body', () => {
    expect(classify(503, undefined, 'upstream down')).toMatchObject({ kind: 'retry', code: null });
    expect(classify(429, undefined)).toMatchObject({ kind: 'retry' });
  });

  it('does not retry invalid parameters', () => {
    expect(classify(400, { message: 'Invalid parameter', code: 100 })).toMatchObject({
      kind: 'permanent',
      code: 100,
    });
  });

  it('keeps the fbtrace_id in the reason for support tickets', () => {
    const result = classify(400, graphError('send-response-error-131047.json'));
    expect(result.kind !== 'accepted' && result.reason).toMatch(/fbtrace_id/);
  });
});

describe('CloudApiClient over HTTP', () => {
  it('sends the documented JSON with the bearer token and reads the wamid', async () => {
    const seen: { auth?: string; body?: unknown; url?: string }[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body: JSON.parse(raw), url: req.url });
        const reply =
          seen.length === 1 ? { messaging_product: 'whatsapp', messages: [{ id: 'wamid.X1' }] } : {};
        res.writeHead(seen.length === 3 ? 429 : 200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            seen.length === 3 ? { error: { message: 'rate', code: 130429, fbtrace_id: 'T' } } : reply,
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const client = new CloudApiClient({
      apiUrl: `http://127.0.0.1:${port}/v24.0/`,
      phoneNumberId: '106',
      accessToken: 'tok',
    });
    const content = { type: 'text' as const, text: { body: 'hi' } };
    expect(await client.sendMessage('5511990000001', content)).toEqual({
      kind: 'accepted',
      wamid: 'wamid.X1',
      messageStatus: 'accepted',
    });
    // A 2xx without the usual body was still accepted: retrying it would send the message twice.
    expect((await client.sendMessage('5511990000001', content)).kind).toBe('accepted');
    expect(await client.sendMessage('5511990000001', content)).toMatchObject({ kind: 'retry', code: 130429 });
    expect(seen[0]).toEqual({
      auth: 'Bearer tok',
      url: '/v24.0/106/messages',
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '5511990000001',
        type: 'text',
        text: { body: 'hi' },
      },
    });
    await new Promise((resolve) => server.close(resolve));
    const down = await client.sendMessage('5511990000001', content);
    expect(down).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network/) });
    // Refused before anything was sent (a fresh connection to the closed port): certainly not sent.
    const refused = new CloudApiClient({
      apiUrl: `http://127.0.0.1:${port}/v24.0`,
      phoneNumberId: '106',
      accessToken: 'tok',
    });
    expect(await refused.sendMessage('5511990000001', content)).toMatchObject({
      kind: 'retry',
      uncertain: false,
    });
  });

  it('calls a send that timed out uncertain: the API may have taken it', async () => {
    const slow = createServer((req, res) => {
      req.resume();
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.LATE' }] }));
      }, 1500).unref();
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const client = new CloudApiClient({
      apiUrl: `http://127.0.0.1:${(slow.address() as { port: number }).port}/v24.0`,
      phoneNumberId: '106',
      accessToken: 'tok',
      timeoutMs: 300,
    });
    expect(await client.sendMessage('5511990000001', { type: 'text', text: { body: 'hi' } })).toMatchObject({
      kind: 'retry',
      uncertain: true,
      reason: expect.stringMatching(/^network: TimeoutError/),
    });
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });
});
