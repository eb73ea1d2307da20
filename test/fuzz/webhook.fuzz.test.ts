import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Registry } from 'prom-client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  createLogger,
  ensureTenantStream,
  jetstreamManager,
  signBody,
  streamName,
  type NatsConnection,
  jetStreamPublisher,
} from '@taskline/core';
import { buildApp } from '@taskline/webhook';
import { SAMPLES_DIR, deleteStreams, natsForTest, uniqueTenant } from '../support/services.ts';

/**
 * Fuzzing the webhook with generated requests against the real JetStream: whatever arrives, the answer is never a
 * 5xx, a refusal says what was wrong, and nothing is published without a valid signature.
 */
const SECRET = 'fuzz-app-secret-0123456789';
const VERIFY = 'fuzz-verify-token';
const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((name) => name.startsWith('inbound-') || name.startsWith('status-'))
  .map((name) => JSON.parse(readFileSync(new URL(name, SAMPLES_DIR), 'utf8')) as unknown);
let requests = 0;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}
function replaceAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (value && typeof value === 'object')
    return { ...value, [head!]: replaceAt(value[head as string]!, rest, replacement) };
  return value;
}

const unicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '\u0000',
    '\uD800',
    '\uDFFF',
    '\u202E\u202D',
    '\u200B\u200D',
    '👩‍👩‍👧‍👦',
    'ﷺ',
    'e\u0301',
    '\uFEFF',
    '𝕿𝖆𝖘𝖐',
  ),
);
const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  unicode,
  fc.string({ minLength: 10_000, maxLength: 60_000 }),
  fc.integer({ min: 1, max: 400 }).map((depth) => {
    let nested: Json = 'deep';
    for (let i = 0; i < depth; i++) nested = i % 2 ? [nested] : { n: nested };
    return nested;
  }),
  fc.constantFrom<Json>(null, true, -1, 1e308, -0, '', [], {}),
);

describe('fuzzing the webhook', () => {
  const tenant = uniqueTenant('fuzz');
  let nc: NatsConnection;
  let app: FastifyInstance;
  const stored = async () =>
    (await (await jetstreamManager(nc)).streams.info(streamName(tenant))).state.messages;

  const post = (payload: string | Buffer, headers: Record<string, string>) => {
    requests++;
    return app.inject({ method: 'POST', url: '/webhook', payload, headers });
  };
  /** The properties every answer must have. */
  const sane = (response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode >= 400) {
      const body = response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toMatch(/^[A-Z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  };

  beforeAll(async () => {
    nc = await natsForTest();
    await ensureTenantStream(await jetstreamManager(nc), tenant);
    app = buildApp({
      config: {
        TENANT: tenant,
        WHATSAPP_APP_SECRET: SECRET,
        WHATSAPP_VERIFY_TOKEN: VERIFY,
        WEBHOOK_BODY_LIMIT: 3 * 1024 * 1024,
      },
      log: createLogger('fuzz', 'silent'),
      registry: new Registry(),
      publisher: jetStreamPublisher(nc, 2000),
    });
  });
  afterAll(async () => {
    console.log(`webhook fuzz: ${requests} generated requests`);
    await app?.close();
    await deleteStreams(nc, [tenant]);
    await nc?.close();
  });

  it('refuses 5,000 unsigned, wrongly signed or badly signed requests with 401 and publishes none', async () => {
    const before = await stored();
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constantFrom(...SAMPLES.map((s) => JSON.stringify(s))),
    );
    const header = fc.oneof(
      fc.constant<Record<string, string>>({}),
      fc.string({ maxLength: 100 }).map((s) => ({ 'x-hub-signature-256': s })),
      fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => ({ 'x-hub-signature-256': `sha256=${hex}` })),
      fc.stringMatching(/^[0-9a-f]{0,80}$/).map((hex) => ({ 'x-hub-signature-256': `sha256=${hex}` })),
      fc.constant({ 'x-hub-signature-256': 'sha1=abc' }),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      '',
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        header,
        contentType,
        fc.boolean(),
        async (payload, signature, type, otherSecret) => {
          const headers: Record<string, string> = { ...signature, ...(type ? { 'content-type': type } : {}) };
          if (otherSecret && !('x-hub-signature-256' in signature))
            headers['x-hub-signature-256'] = signBody(payload, 'another-secret-123');
          const response = await post(payload, headers);
          sane(response);
          expect(response.statusCode).toBe(401);
        },
      ),
      { numRuns: 5000 },
    );
    expect(await stored()).toBe(before);
  });

  it('answers 2,500 signed malformed bodies with a 4xx that says what is wrong, publishing none', async () => {
    const before = await stored();
    const malformed = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2000 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      }),
      fc
        .jsonValue()
        .map((v) => JSON.stringify(v))
        .filter((s) => !s.startsWith('{')),
      fc.constantFrom(
        '{',
        '{"object":',
        '[]',
        'null',
        '{"object":"whatsapp_business_account"}',
        '{"entry":"x"}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(malformed, async (payload) => {
        const response = await post(payload, {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(payload, SECRET),
        });
        sane(response);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 2500 },
    );
    expect(await stored()).toBe(before);
  });

  it('survives 2,500 signed sample payloads with a field replaced by hostile values', async () => {
    const mutation = fc
      .record({ sample: fc.nat({ max: SAMPLES.length - 1 }), at: fc.nat(), value: hostile })
      .map(({ sample, at, value }) => {
        const document = SAMPLES[sample] as Json;
        const all = paths(document);
        return JSON.stringify(replaceAt(document, all[at % all.length]!, value));
      });
    await fc.assert(
      fc.asyncProperty(mutation, async (payload) => {
        const response = await post(payload, {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(payload, SECRET),
        });
        sane(response);
        expect([200, 400, 413]).toContain(response.statusCode);
      }),
      { numRuns: 2500 },
    );
  });

  it('publishes each valid signed message exactly once, whatever its text, however often it is sent', async () => {
    const before = await stored();
    const text = JSON.parse(readFileSync(new URL('inbound-text.json', SAMPLES_DIR), 'utf8')) as {
      entry: { changes: { value: { messages: { id: string; text: { body: string } }[] } }[] }[];
    };
    const wamids = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 1000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.uuid(),
        async (body, times, id) => {
          const message = text.entry[0]!.changes[0]!.value.messages[0]!;
          const copy = structuredClone(text);
          copy.entry[0]!.changes[0]!.value.messages[0] = {
            ...message,
            id: `wamid.fuzz.${id}`,
            text: { body },
          };
          const payload = JSON.stringify(copy);
          wamids.add(`wamid.fuzz.${id}`);
          for (let i = 0; i < times; i++) {
            const response = await post(payload, {
              'content-type': 'application/json',
              'x-hub-signature-256': signBody(payload, SECRET),
            });
            expect(response.statusCode, response.body).toBe(200);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect((await stored()) - before).toBe(wamids.size);
  });

  it('answers 500 verification handshakes: the challenge only for the right token, never a 5xx', async () => {
    const query = fc.record(
      {
        'hub.mode': fc.oneof(fc.constant('subscribe'), fc.string({ maxLength: 20 })),
        'hub.verify_token': fc.oneof(fc.constant(VERIFY), fc.string({ maxLength: 40 })),
        'hub.challenge': fc.oneof(fc.stringMatching(/^\d{1,12}$/), fc.string({ maxLength: 40 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        requests++;
        const response = await app.inject({
          method: 'GET',
          url: `/webhook?${new URLSearchParams(params as Record<string, string>).toString()}`,
        });
        expect(response.statusCode).toBeLessThan(500);
        const right =
          params['hub.mode'] === 'subscribe' &&
          params['hub.verify_token'] === VERIFY &&
          /^\S+$/.test(params['hub.challenge'] ?? '');
        if (response.statusCode === 200) {
          expect(params['hub.verify_token']).toBe(VERIFY);
          expect(response.body).toBe(params['hub.challenge']);
        } else if (right && /^\d+$/.test(params['hub.challenge'] ?? '')) {
          throw new Error(`a right handshake was refused: ${response.body}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses bodies over the limit with 413 and says so', async () => {
    const huge = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [],
      pad: 'x'.repeat(3.5 * 1024 * 1024),
    });
    for (let i = 0; i < 5; i++) {
      const response = await post(huge, {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(huge, SECRET),
      });
      sane(response);
      expect(response.statusCode).toBe(413);
    }
  });
});
