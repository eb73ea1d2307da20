import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { createLogger, jetstreamManager, type MikroORM, type NatsConnection } from '@taskline/core';
import { buildApi, watchLive, type LiveFeed } from '@taskline/api';

/** The API as the suites drive it: real PostgreSQL and NATS, no OIDC, no simulator, plain-HTTP cookies. */
export async function startTestApi(
  orm: MikroORM,
  nc: NatsConnection,
): Promise<{ app: FastifyInstance; live: LiveFeed; close(): Promise<void> }> {
  const live = watchLive(nc);
  const app = await buildApi({
    config: {
      SESSION_TTL_HOURS: 1,
      COOKIE_SECURE: false,
      SIMULATOR_URL: undefined,
      OIDC_ISSUER: undefined,
      ADMIN_EMAIL: undefined,
    },
    orm,
    log: createLogger('test-api', 'silent'),
    nc,
    jsm: await jetstreamManager(nc),
    live,
    registry: new Registry(),
    checks: {},
    isDraining: () => false,
  });
  return {
    app,
    live,
    close: async () => {
      await app.close();
      await live.close();
    },
  };
}

/** Signs in and returns the headers that authenticate later calls (session cookie and CSRF token). */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<Record<string, string>> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${email}: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === 'taskline_session')!;
  return {
    cookie: `taskline_session=${cookie.value}`,
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
  };
}
