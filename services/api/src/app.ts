import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Counter, type Registry } from 'prom-client';
import { AppError, registerOpsRoutes, toAppError, type ReadinessCheck } from '@taskline/core';
import { SESSION_COOKIE, resolveSession } from './auth/sessions.ts';
import type { ApiContext } from './context.ts';
import type { Routes } from './routes/types.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { accountRoutes } from './routes/accounts.routes.ts';
import { tenantRoutes } from './routes/tenants.routes.ts';
import { messageRoutes } from './routes/messages.routes.ts';
import { mappingRoutes } from './routes/mappings.routes.ts';
import { taskRoutes } from './routes/tasks.routes.ts';
import { analyticsRoutes } from './routes/analytics.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { liveRoutes } from './routes/live.routes.ts';
import { testPhoneRoutes } from './routes/test-phone.routes.ts';
import { deadLetterRoutes } from './routes/dead-letters.routes.ts';
import { privacyRoutes } from './routes/privacy.routes.ts';

export interface ApiOptions extends ApiContext {
  registry: Registry;
  checks: Record<string, ReadinessCheck>;
  isDraining: () => boolean;
  /** The built console to serve at `/`; the API alone when absent. */
  consoleDir?: string | undefined;
}

/** Requests that need no session: signing in, and what the sign-in page must know. */
const PUBLIC = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/config',
  '/api/v1/auth/oidc/start',
  '/api/v1/auth/oidc/callback',
  '/api/v1/openapi.json',
]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The console's backend: REST under /api/v1 (route schemas are the validation and the OpenAPI document), live
 * events over SSE, and the built console. Every /api/v1 request but sign-in needs a session cookie; every change
 * also needs the session's CSRF token in X-CSRF-Token.
 */
export async function buildApi(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Refused by the router before any route runs (a malformed URL, a path parameter over 100 characters): the
    // same error shape as every other refusal.
    frameworkErrors: (error, _request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is longer than 100 characters'
          : 'malformed URL';
      void (reply as unknown as FastifyReply).code(400).send(new AppError('BAD_REQUEST', message).toJSON());
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', undefined);

  app.setErrorHandler((error: unknown, request, reply) => {
    const appError = fromError(error);
    if (appError.code === 'INTERNAL') {
      options.log.error({ err: error, url: request.url }, 'api request failed');
      return reply.code(500).send(new AppError('INTERNAL', 'internal error; it has been logged').toJSON());
    }
    return reply.code(appError.status).send(appError.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.consoleDir && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return reply
      .code(404)
      .send(new AppError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`).toJSON());
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Taskline API',
        version: '1',
        description:
          'The console backend. Sign in with POST /api/v1/auth/login; the session cookie authenticates every other call, and changes also carry the X-CSRF-Token header returned at sign-in.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // PostgreSQL text cannot hold U+0000: a NUL anywhere in the input is refused here, for every route, with the
  // error shape (it reached the driver as a 500 before; found by test/fuzz/api.fuzz.test.ts).
  app.addHook('preValidation', (request, _reply, done) => {
    const part = (
      [
        ['query', request.query],
        ['path', request.params],
        ['body', request.body],
      ] as const
    ).find(([, value]) => holdsNul(value));
    done(
      part
        ? new AppError('BAD_REQUEST', `the ${part[0]} holds a NUL character (\\u0000), which is not allowed`)
        : undefined,
    );
  });

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/v1/') || PUBLIC.has(path)) return;
    const token = request.cookies[SESSION_COOKIE];
    const principal = token
      ? await resolveSession(options.orm.em.fork(), token, options.config.SESSION_TTL_HOURS)
      : undefined;
    if (!principal) throw new AppError('UNAUTHORIZED', 'sign in first: no valid session');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== principal.csrfToken) {
      throw new AppError('FORBIDDEN', 'missing or wrong X-CSRF-Token header (reload the console)');
    }
    request.principal = principal;
  });

  registerOpsRoutes(app, {
    registry: options.registry,
    checks: options.checks,
    isDraining: options.isDraining,
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const ctx = {
    ...options,
    suspicious: new Counter({
      name: 'taskline_suspicious_events_total',
      help: 'Suspicious activity seen by the API (login_failure: a wrong email or password, or a refused OIDC identity; login_locked: a sign-in to a locked account), each also in the audit log',
      labelNames: ['kind'] as const,
      registers: [options.registry],
    }),
  };
  await app.register(
    (api, _options, done) => {
      const modules: Routes[] = [
        authRoutes,
        accountRoutes,
        tenantRoutes,
        messageRoutes,
        mappingRoutes,
        taskRoutes,
        analyticsRoutes,
        auditRoutes,
        liveRoutes,
        testPhoneRoutes,
        deadLetterRoutes,
        privacyRoutes,
      ];
      for (const routes of modules) routes(api, ctx);
      done();
    },
    { prefix: '/api/v1' },
  );

  if (options.consoleDir && existsSync(options.consoleDir)) {
    await app.register(fastifyStatic, { root: options.consoleDir, wildcard: false, index: 'index.html' });
  } else {
    options.consoleDir = undefined;
  }
  return app;
}

function fromError(error: unknown): AppError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      field: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message,
    }));
    const text = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return new AppError('BAD_REQUEST', `invalid request: ${text}`, { details });
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 429) return new AppError('RATE_LIMITED', (error as Error).message);
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'request body too large (limit 1 MB)');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', (error as Error).message);
  if (status !== undefined && status >= 400 && status < 500 && !(error instanceof AppError)) {
    return new AppError('BAD_REQUEST', (error as Error).message);
  }
  if (error instanceof RangeError) return new AppError('BAD_REQUEST', error.message);
  if ((error as Error).name === 'UniqueConstraintViolationException') {
    return new AppError('CONFLICT', 'that already exists (a unique value is taken)');
  }
  return toAppError(error);
}

/** True when a string, key or nested value holds U+0000 (walked without recursion: bodies may nest deeply). */
function holdsNul(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (next && typeof next === 'object' && !Buffer.isBuffer(next)) {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
