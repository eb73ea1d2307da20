import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import {
  AdminAccount,
  Tenant,
  User,
  openOrm,
  seedTenant,
  type MikroORM,
  type NatsConnection,
} from '@taskline/core';
import { hashPassword } from '@taskline/api';
import { freshDatabase, natsForTest } from '../support/services.ts';
import { signIn, startTestApi } from '../support/api.ts';

/**
 * Fuzzing the console API: every route of its own OpenAPI document, called by a signed-in platform admin with
 * generated path parameters, query strings and bodies (wrong types, huge and hostile strings, deep nesting, extra
 * keys, malformed JSON, odd content types). Whatever arrives, the answer is never a 5xx and a refusal says what was
 * wrong in the documented error shape. API_FUZZ_RUNS requests per route (default 310: over 10,000 in all).
 */
const RUNS = Number(process.env.API_FUZZ_RUNS ?? 310);
const PASSWORD = 'fuzz-password-0123456789';
/** Routes that end the session or stream forever: called once by hand below, not fuzzed. */
const SKIP = new Set(['POST /api/v1/auth/logout', 'GET /api/v1/events', 'GET /api/v1/auth/oidc/start']);

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: 'path' | 'query'; schema?: { type?: string; enum?: unknown[] } }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\u202E',
    "' or 1=1 --",
    '%',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '{"$gt": ""}',
    '9'.repeat(400),
    '-1',
    '0',
    'NaN',
    '1e309',
    'true',
    'null',
    '2026-02-30T25:61:00Z',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(70_000),
  ),
);
/** A URL cannot carry a lone surrogate (encodeURIComponent throws): it becomes U+FFFD, as a browser sends it. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { a: [deep(depth - 1)] });
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostile,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 50, max: 2000 }).map(deep),
  fc.array(hostile, { maxLength: 5 }),
);

describe('fuzzing the console API', () => {
  let orm: MikroORM;
  let nc: NatsConnection;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  let operations: Operation[];
  const valid: Record<string, string[]> = {};
  const statuses = new Map<number, number>();
  let requests = 0;

  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('api_fuzz') });
    nc = await natsForTest();
    await seedTenant(orm, {
      tenant: 'acme',
      phoneNumberId: '1001',
      users: [{ name: 'Ana', phone: '+5511990000001' }],
    });
    const em = orm.em.fork();
    const acme = await em.findOneOrFail(Tenant, { slug: 'acme' });
    em.create(AdminAccount, {
      email: 'fuzz@example.com',
      displayName: 'fuzz',
      role: 'platform-admin',
      tenant: null,
      passwordHash: await hashPassword(PASSWORD),
    });
    await em.flush();
    const user = await em.findOneOrFail(User, { tenant: acme.id });
    // Real values, so generated requests also get past lookups into the handlers' own checks.
    valid.tenant = ['acme', acme.id];
    valid.user = [user.id, '+5511990000001'];
    valid.id = [user.id, crypto.randomUUID()];
    api = await startTestApi(orm, nc);
    app = api.app;
    headers = await signIn(app, 'fuzz@example.com', PASSWORD);
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
    }>();
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        ...operation,
        method: method.toUpperCase(),
        path,
      })),
    );
  }, 60_000);

  afterAll(async () => {
    console.log(
      `api fuzz: ${requests} requests over ${operations?.length ?? 0} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    await api?.close();
    await nc?.close();
    await orm?.close();
  });

  const request = (operation: Operation) =>
    fc.record({
      params: fc.record(
        Object.fromEntries(
          (operation.parameters ?? [])
            .filter((p) => p.in === 'path')
            .map((p) => [p.name, fc.oneof(fc.constantFrom(...(valid[p.name] ?? ['x'])), hostile)]),
        ),
      ),
      query: fc.dictionary(
        fc.oneof(
          fc.constantFrom(
            ...(operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
            'extra',
          ),
          fc.string({ maxLength: 10 }),
        ),
        fc.oneof(
          hostile,
          fc.constantFrom(
            ...((operation.parameters ?? []).flatMap((p) => p.schema?.enum ?? []) as string[]),
            '1',
            '50',
          ),
        ),
        { maxKeys: 4 },
      ),
      body: fc.oneof(
        fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              ...Object.keys(
                operation.requestBody?.content?.['application/json']?.schema?.properties ?? { x: 1 },
              ),
            ),
            fc.string({ maxLength: 10 }),
          ),
          anyJson,
          { maxKeys: 6 },
        ),
        anyJson,
      ),
      raw: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(
          '{',
          '{"a":',
          'not json',
          '\u0000',
          '[]'.repeat(5000),
          '{"__proto__": {"admin": true}}',
        ),
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'text/plain',
        'text/csv',
        'application/x-www-form-urlencoded',
      ),
    });

  it('never answers a generated request with a 5xx, and explains every refusal', async () => {
    expect(operations.length).toBeGreaterThan(25);
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      if (SKIP.has(key)) continue;
      await fc.assert(
        fc.asyncProperty(request(operation), async (input) => {
          const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
            encodeURIComponent(wellFormed(String(input.params[name]))),
          );
          const query = new URLSearchParams(
            Object.entries(input.query).map(([k, v]): [string, string] => [k, String(v)]),
          ).toString();
          const url = `${path}${query ? `?${query}` : ''}`;
          const options: InjectOptions = {
            method: operation.method,
            url,
            headers: { ...headers, 'content-type': input.contentType },
          };
          if (operation.method !== 'GET') options.payload = input.raw ?? JSON.stringify(input.body);
          const response = await app.inject(options);
          requests++;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(
            response.statusCode,
            `${key} ${url.slice(0, 200)} -> ${response.body.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const error = response.json<{ error?: { code?: string; message?: string } }>().error;
            expect(error?.code, key).toBeTypeOf('string');
            expect(error?.message?.length, `${key}: ${response.body.slice(0, 200)}`).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS },
      );
    }
    // The session still works after all of it: nothing above signed it out or broke it.
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode,
    ).toBeLessThan(500);
  }, 600_000);
});
