import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Registry } from 'prom-client';
import {
  AdminAccount,
  SecurityAuditLog,
  Tenant,
  WhatsAppMessage,
  createLogger,
  inTenant,
  jetstreamManager,
  openOrm,
  seedTenant,
  type MikroORM,
  type NatsConnection,
} from '@taskline/core';
import { freshDatabase, natsForTest } from '../../../test/support/services.ts';
import { buildApi } from './app.ts';
import { hashPassword } from './auth/password.ts';
import { watchLive, type LiveFeed } from './live.ts';

const PASSWORD = 'correct horse battery staple';

interface Session {
  cookie: string;
  csrf: string;
}

describe('the API', () => {
  let orm: MikroORM;
  let nc: NatsConnection;
  let live: LiveFeed;
  let app: FastifyInstance;
  const sessions: Record<string, Session> = {};
  let acmeId: string;
  const registry = new Registry();

  const call = (
    who: string | undefined,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> => {
    const session = who ? sessions[who] : undefined;
    return app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        ...headers,
      },
    });
  };

  const login = async (email: string, password = PASSWORD) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('api');
    orm = await openOrm({ databaseUrl });
    nc = await natsForTest();
    live = watchLive(nc);
    for (const tenant of ['acme', 'globex']) {
      await seedTenant(orm, {
        tenant,
        phoneNumberId: tenant === 'acme' ? '1001' : '2002',
        users: [{ name: `${tenant} user`, phone: tenant === 'acme' ? '+5511990000001' : '+5511990000002' }],
      });
    }
    const em = orm.em.fork();
    const tenants = Object.fromEntries((await em.find(Tenant, {})).map((t) => [t.slug, t.id]));
    acmeId = tenants.acme!;
    const hash = await hashPassword(PASSWORD);
    const accounts = [
      ['platform@example.com', 'platform-admin', null],
      ['admin@acme.test', 'tenant-admin', tenants.acme],
      ['viewer@acme.test', 'tenant-viewer', tenants.acme],
      ['admin@globex.test', 'tenant-admin', tenants.globex],
      ['locked@acme.test', 'tenant-admin', tenants.acme],
    ] as const;
    for (const [email, role, tenant] of accounts) {
      em.create(AdminAccount, {
        email,
        displayName: email,
        role,
        tenant: tenant ?? null,
        passwordHash: hash,
      });
    }
    await em.flush();
    app = await buildApi({
      config: {
        SESSION_TTL_HOURS: 1,
        COOKIE_SECURE: false,
        SIMULATOR_URL: undefined,
        OIDC_ISSUER: undefined,
        ADMIN_EMAIL: undefined,
      },
      orm,
      log: createLogger('api-test', 'silent'),
      nc,
      jsm: await jetstreamManager(nc),
      live,
      registry,
      checks: {},
      isDraining: () => false,
    });
    for (const [name, email] of [
      ['platform', 'platform@example.com'],
      ['acmeAdmin', 'admin@acme.test'],
      ['acmeViewer', 'viewer@acme.test'],
      ['globexAdmin', 'admin@globex.test'],
    ] as const) {
      const response = await login(email);
      expect(response.statusCode, email).toBe(200);
      const cookie = response.cookies.find((c) => c.name === 'taskline_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
      sessions[name] = {
        cookie: `taskline_session=${cookie.value}`,
        csrf: response.json<{ csrfToken: string }>().csrfToken,
      };
    }
  });

  afterAll(async () => {
    await app?.close();
    await live?.close();
    await nc?.close();
    await orm?.close();
  });

  describe('sign-in', () => {
    it('refuses a wrong password with one message for unknown and known emails, and audits both', async () => {
      const wrong = await login('admin@acme.test', 'not the password');
      const unknown = await login('nobody@acme.test', 'not the password');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json<{ error: { message: string } }>().error.message).toBe('email or password is wrong');
      const entries = await orm.em
        .fork()
        .find(SecurityAuditLog, { action: 'auth.login', outcome: 'failure' });
      expect(entries.map((e) => e.actor)).toEqual(
        expect.arrayContaining(['admin@acme.test', 'nobody@acme.test']),
      );
      expect(entries.find((e) => e.actor === 'admin@acme.test')?.tenantId).toBe(acmeId);
    });

    it('locks an account after five failures, even against the right password', async () => {
      for (let i = 0; i < 5; i++)
        expect((await login('locked@acme.test', `wrong ${i}`)).statusCode).toBe(401);
      const right = await login('locked@acme.test');
      expect(right.statusCode).toBe(429);
      expect(right.json<{ error: { message: string } }>().error.message).toMatch(
        /locked after 5 failed sign-ins/,
      );
      // Suspicious activity is counted for alerting as well as audited.
      const metrics = await registry.getSingleMetricAsString('taskline_suspicious_events_total');
      expect(metrics).toMatch(/taskline_suspicious_events_total\{kind="login_locked"\} 1/);
      expect(Number(/kind="login_failure"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(5);
    });

    it('needs a session for every API route and a CSRF token for every change', async () => {
      expect((await call(undefined, 'GET', '/api/v1/tenants')).statusCode).toBe(401);
      const forged = await app.inject({
        method: 'POST',
        url: '/api/v1/tenants/acme/mappings',
        payload: { displayName: 'X', phone: '+5511990009999' },
        headers: { cookie: sessions.acmeAdmin!.cookie },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.json<{ error: { message: string } }>().error.message).toMatch(/X-CSRF-Token/);
      expect((await call('acmeAdmin', 'GET', '/api/v1/auth/me')).json()).toMatchObject({
        account: { email: 'admin@acme.test', role: 'tenant-admin', tenant: 'acme' },
      });
    });

    it('ends the session on sign-out', async () => {
      const response = await login('viewer@acme.test');
      const cookie = `taskline_session=${response.cookies[0]!.value}`;
      const csrf = response.json<{ csrfToken: string }>().csrfToken;
      const out = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
      ).toBe(401);
    });
  });

  describe('roles x routes', () => {
    // Every tenant route, as each role, against tenant acme: platform admins and acme's admin may do everything,
    // acme's viewer may only read, globex's admin nothing.
    const routes: { method: 'GET' | 'POST' | 'PATCH'; url: string; body?: unknown; write: boolean }[] = [
      { method: 'GET', url: '/api/v1/tenants/acme', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/dashboard', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/messages', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/mappings', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/users', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/projects', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/tasks', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/analytics', write: false },
      { method: 'GET', url: '/api/v1/tenants/acme/dead-letters', write: false },
      {
        method: 'GET',
        url: '/api/v1/tenants/acme/users/00000000-0000-4000-8000-000000000000/export',
        write: true,
      },
      {
        method: 'POST',
        url: '/api/v1/tenants/acme/users/00000000-0000-4000-8000-000000000000/erase',
        body: { confirm: true },
        write: true,
      },
      { method: 'POST', url: '/api/v1/tenants/acme/dead-letters/replay', body: { seqs: [1] }, write: true },
      { method: 'POST', url: '/api/v1/tenants/acme/dead-letters/discard', body: { seqs: [1] }, write: true },
      {
        method: 'GET',
        url: '/api/v1/tenants/acme/test-phone/conversation?phone=5511990000001',
        write: false,
      },
      {
        method: 'POST',
        url: '/api/v1/tenants/acme/mappings',
        body: { displayName: 'R', phone: '+5511990000100' },
        write: true,
      },
      {
        method: 'PATCH',
        url: `/api/v1/tenants/acme/mappings/00000000-0000-4000-8000-000000000000`,
        body: { displayName: 'R' },
        write: true,
      },
      {
        method: 'POST',
        url: '/api/v1/tenants/acme/mappings/import',
        body: { csv: 'name,phone\nR,+5511990000101', dryRun: true },
        write: true,
      },
      {
        method: 'POST',
        url: '/api/v1/tenants/acme/tasks',
        body: { ownerId: '00000000-0000-4000-8000-000000000000', title: 'x' },
        write: true,
      },
      {
        method: 'PATCH',
        url: '/api/v1/tenants/acme/tasks/00000000-0000-4000-8000-000000000000',
        body: { title: 'x' },
        write: true,
      },
      {
        method: 'POST',
        url: '/api/v1/tenants/acme/test-phone/messages',
        body: { phone: '5511990000001', text: 'hi' },
        write: true,
      },
    ];
    const roles = [
      { who: 'platform', read: true, write: true },
      { who: 'acmeAdmin', read: true, write: true },
      { who: 'acmeViewer', read: true, write: false },
      { who: 'globexAdmin', read: false, write: false },
    ];
    for (const route of routes) {
      for (const role of roles) {
        const allowed = route.write ? role.write : role.read;
        it(`${route.method} ${route.url.split('?')[0]} as ${role.who}: ${allowed ? 'allowed' : '403'}`, async () => {
          const response = await call(role.who, route.method, route.url, route.body);
          if (allowed) expect(response.statusCode, response.body).not.toBe(403);
          else {
            expect(response.statusCode, response.body).toBe(403);
            expect(response.body).not.toContain('acme user');
          }
          expect(response.statusCode, response.body).toBeLessThan(500);
        });
      }
    }

    it('audits every refusal with who, what and from where', async () => {
      const denied = await orm.em
        .fork()
        .find(SecurityAuditLog, { outcome: 'denied', actor: 'admin@globex.test' });
      expect(denied.length).toBeGreaterThanOrEqual(routes.length);
      expect(denied[0]).toMatchObject({ target: 'tenant:acme', ip: '127.0.0.1' });
    });

    it('lists only the tenants a role may see', async () => {
      const slugs = async (who: string) =>
        (await call(who, 'GET', '/api/v1/tenants'))
          .json<{ items: { slug: string }[] }>()
          .items.map((t) => t.slug);
      expect(await slugs('platform')).toEqual(['acme', 'globex']);
      expect(await slugs('acmeViewer')).toEqual(['acme']);
      expect(await slugs('globexAdmin')).toEqual(['globex']);
    });

    it("keeps another tenant's audit entries out of a tenant admin's audit log", async () => {
      const actors = (await call('globexAdmin', 'GET', '/api/v1/audit?limit=200')).json<{
        items: { tenant: string }[];
      }>();
      expect(actors.items.length).toBeGreaterThan(0);
      expect(new Set(actors.items.map((i) => i.tenant))).toEqual(new Set(['globex']));
      expect((await call('globexAdmin', 'GET', '/api/v1/audit?tenant=acme')).statusCode).toBe(403);
    });
  });

  describe('messages', () => {
    beforeAll(async () => {
      await inTenant(orm, acmeId, (em) => {
        const start = Date.now() - 3600_000;
        for (let i = 0; i < 120; i++) {
          const at = new Date(start + Math.floor(i / 2) * 1000);
          em.create(WhatsAppMessage, {
            tenant: acmeId,
            direction: i % 2 ? 'out' : 'in',
            wamid: `wamid.test${i}`,
            peer: '5511990000001',
            type: 'text',
            body: { type: 'text', text: { body: i % 10 === 0 ? `quarterly report ${i}` : `message ${i}` } },
            status: i % 2 ? 'delivered' : 'processed',
            statusHistory: [],
            createdAt: at,
            updatedAt: at,
          });
        }
        return em.flush();
      });
    });

    it('pages newest first by cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; createdAt: string }[]; nextCursor: string | null } = (
          await call(
            'acmeViewer',
            'GET',
            `/api/v1/tenants/acme/messages?limit=25${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).json();
        seen.push(...page.items.map((m) => m.id));
        const times = page.items.map((m) => m.createdAt);
        expect([...times].sort().reverse()).toEqual(times);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(120);
      expect(new Set(seen).size).toBe(120);
    });

    it('filters by direction, status and words, and explains a bad filter', async () => {
      const outbound = (
        await call('acmeAdmin', 'GET', '/api/v1/tenants/acme/messages?direction=out&limit=200')
      ).json<{ items: { direction: string }[] }>();
      expect(outbound.items).toHaveLength(60);
      const words = (await call('acmeAdmin', 'GET', '/api/v1/tenants/acme/messages?q=quarterly')).json<{
        items: { text: string }[];
      }>();
      expect(words.items).toHaveLength(12);
      expect(words.items.every((m) => m.text.startsWith('quarterly report'))).toBe(true);
      const bad = await call('acmeAdmin', 'GET', '/api/v1/tenants/acme/messages?status=lost&limit=9999');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { message: string } }>().error.message).toMatch(
        /querystring\.status.*querystring\.limit/s,
      );
      const cursor = await call('acmeAdmin', 'GET', '/api/v1/tenants/acme/messages?cursor=garbage');
      expect(cursor.statusCode).toBe(400);
      // PostgreSQL text cannot hold U+0000: refused for any route before it reaches the database.
      for (const url of ['/api/v1/tenants/acme/messages?q=a%00b', '/api/v1/audit?actor=%00']) {
        const nul = await call('acmeAdmin', 'GET', url);
        expect(nul.statusCode, url).toBe(400);
        expect(nul.json<{ error: { message: string } }>().error.message).toContain('NUL character');
      }
    });

    it("never returns another tenant's messages", async () => {
      const globex = (await call('globexAdmin', 'GET', '/api/v1/tenants/globex/messages')).json<{
        items: unknown[];
      }>();
      expect(globex.items).toHaveLength(0);
    });
  });

  describe('user mapping', () => {
    it('maps a number, refuses the same number twice and says who holds it', async () => {
      const created = await call('acmeAdmin', 'POST', '/api/v1/tenants/acme/mappings', {
        displayName: 'Bruno',
        phone: '+55 11 99000-0003',
      });
      expect(created.statusCode, created.body).toBe(201);
      const again = await call('acmeAdmin', 'POST', '/api/v1/tenants/acme/mappings', {
        displayName: 'Other',
        phone: '+5511990000003',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json<{ error: { message: string } }>().error.message).toBe(
        '+5511990000003 is already mapped to Bruno',
      );
      const list = (await call('acmeViewer', 'GET', '/api/v1/tenants/acme/mappings?q=bruno')).json<{
        items: { phone: string }[];
      }>();
      expect(list.items).toEqual([expect.objectContaining({ phone: '+5511990000003', status: 'active' })]);
      const id = created.json<{ id: string }>().id;
      const disabled = await call('acmeAdmin', 'PATCH', `/api/v1/tenants/acme/mappings/${id}`, {
        status: 'disabled',
      });
      expect(disabled.json()).toMatchObject({ status: 'disabled' });
      const audit = await orm.em
        .fork()
        .find(SecurityAuditLog, { target: `mapping:${id}` }, { orderBy: { createdAt: 'asc' } });
      expect(audit.map((a) => [a.action, a.actor])).toEqual([
        ['mapping.create', 'admin@acme.test'],
        ['mapping.disable', 'admin@acme.test'],
      ]);
    });

    it('imports CSV rows and reports each one', async () => {
      const csv = [
        'name,phone,email',
        'Carla,+5511990000010,carla@acme.test',
        'Dan,12345,',
        ',+5511990000011,',
        'Eve,+5511990000010,',
        'Fay,+5511990000012,not-an-email',
      ].join('\n');
      const response = await call('acmeAdmin', 'POST', '/api/v1/tenants/acme/mappings/import', { csv });
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json<{
        created: number;
        errors: number;
        report: { row: number; outcome: string; message?: string }[];
      }>();
      expect(result).toMatchObject({ rows: 5, created: 1, errors: 4 });
      expect(result.report).toEqual([
        expect.objectContaining({ row: 2, outcome: 'created' }),
        { row: 3, outcome: 'error', message: 'phone: must be an E.164 number: + and 7 to 15 digits' },
        { row: 4, outcome: 'error', message: 'name: name is empty' },
        { row: 5, outcome: 'error', message: '+5511990000010 is already mapped to Carla' },
        { row: 6, outcome: 'error', message: expect.stringMatching(/^email: /) as string },
      ]);
      const header = await call('acmeAdmin', 'POST', '/api/v1/tenants/acme/mappings/import', {
        csv: 'who,where\na,b',
      });
      expect(header.statusCode).toBe(400);
      expect(header.json<{ error: { message: string } }>().error.message).toMatch(
        /header must have name and phone/,
      );
    });
  });

  it('answers analytics as JSON and CSV', async () => {
    const json = await call('acmeViewer', 'GET', '/api/v1/tenants/acme/analytics?granularity=day');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()).toMatchObject({
      tenant: 'acme',
      granularity: 'day',
      series: expect.any(Array) as unknown,
    });
    const csv = await call('acmeViewer', 'GET', '/api/v1/tenants/acme/analytics?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe(
      'at,received,sent,delivered,read,failed,activeUsers,conversations,medianResponseMs,p95ResponseMs',
    );
  });

  it('reports the health of every component', async () => {
    const health = (await call('acmeViewer', 'GET', '/api/v1/health')).json<{
      components: { name: string; status: string }[];
    }>();
    expect(health.components).toEqual(
      expect.arrayContaining([
        { name: 'api', status: 'up' },
        { name: 'postgres', status: 'up' },
        { name: 'nats', status: 'up' },
        expect.objectContaining({ name: 'stream acme' }),
      ]),
    );
    expect(health.components.some((c) => c.name === 'stream globex')).toBe(false);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/tenants/{tenant}/messages',
        '/api/v1/tenants/{tenant}/mappings/import',
        '/api/v1/events',
      ]),
    );
    const parameters = doc.paths['/api/v1/tenants/{tenant}/messages']!.get!.parameters!.map((p) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['tenant', 'direction', 'status', 'cursor', 'limit']));
  });

  it('streams live counts over Server-Sent Events', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/events?tenant=acme`, {
      headers: { cookie: sessions.acmeViewer!.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    nc.publish('taskline.acme.inbound', 'x');
    nc.publish('taskline.acme.inbound', 'x');
    nc.publish('taskline.globex.inbound', 'x');
    let text = '';
    let inbound = 0;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && inbound < 2) {
      const { value } = (await reader.read()) as { value?: Uint8Array };
      text += decoder.decode(value);
      inbound = [...text.matchAll(/event: tick\ndata: (.*)\n/g)].reduce(
        (sum, m) => sum + (JSON.parse(m[1]!) as { inbound: number }).inbound,
        0,
      );
    }
    controller.abort();
    expect(text).toMatch(/^event: hello/);
    expect(inbound).toBe(2);
    const refused = await fetch(`${address}/api/v1/events?tenant=globex`, {
      headers: { cookie: sessions.acmeViewer!.cookie },
    });
    expect(refused.status).toBe(403);
  });

  it('slows down one address trying many sign-ins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await login(`guess${i}@example.com`, 'wrong password')).statusCode);
    expect(statuses).toContain(429);
    const limited = await login('platform@example.com');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
  });
});
