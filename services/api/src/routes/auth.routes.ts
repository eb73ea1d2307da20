import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminAccount, AppError, Tenant, type EntityManager } from '@taskline/core';
import { oidcClient, type OidcTransaction } from '../auth/oidc.ts';
import type { ApiContext } from '../context.ts';
import { audit } from '../audit.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { SESSION_COOKIE, endSession, startSession } from '../auth/sessions.ts';
import { principalOf } from '../context.ts';
import type { Routes, ZodApp } from './types.ts';

/** Consecutive failed sign-ins that lock an account, and for how long. */
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;
/** Sign-in attempts one address may make per minute, whatever the emails (credential stuffing). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 30;

const credentials = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(256),
});

export const accountView = (account: {
  id: string;
  email: string;
  displayName: string;
  role: string;
  tenantSlug: string | null;
}) => ({
  id: account.id,
  email: account.email,
  displayName: account.displayName,
  role: account.role,
  tenant: account.tenantSlug,
});

export const authRoutes: Routes = (api, ctx) => {
  oidcRoutes(api, ctx);

  api.get('/auth/config', { schema: { tags: ['auth'], summary: 'What the sign-in page offers' } }, () => ({
    oidc: Boolean(ctx.config.OIDC_ISSUER),
    testPhone: Boolean(ctx.config.SIMULATOR_URL),
  }));

  api.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in with email and password', body: credentials },
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      const em = ctx.orm.em.fork();
      const account = await em.findOne(AdminAccount, { email });
      const now = new Date();
      if (account?.lockedUntil && account.lockedUntil > now) {
        ctx.suspicious?.inc({ kind: 'login_locked' });
        await audit(ctx.orm, request, undefined, {
          action: 'auth.login',
          outcome: 'denied',
          actor: email,
          tenantId: account.tenant ?? null,
          details: { reason: 'locked' },
        });
        const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
        throw new AppError(
          'RATE_LIMITED',
          `this account is locked after ${LOCKOUT_AFTER} failed sign-ins; try again in ${minutes} min`,
        );
      }
      const valid = await verifyPassword(request.body.password, account?.passwordHash ?? DUMMY_HASH);
      if (!account || !valid || account.status !== 'active') {
        if (account && !valid) {
          account.failedLogins += 1;
          if (account.failedLogins >= LOCKOUT_AFTER) {
            account.lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
            account.failedLogins = 0;
          }
          await em.flush();
        }
        ctx.suspicious?.inc({ kind: 'login_failure' });
        await audit(ctx.orm, request, undefined, {
          action: 'auth.login',
          outcome: 'failure',
          actor: email,
          tenantId: account?.tenant ?? null,
          details: {
            reason: !account ? 'unknown email' : !valid ? 'wrong password' : 'disabled',
            ...(account?.lockedUntil && account.lockedUntil > now ? { locked: true } : {}),
          },
        });
        throw new AppError('UNAUTHORIZED', 'email or password is wrong');
      }
      const opened = await openSession(ctx, em, account, request, reply);
      await audit(ctx.orm, request, undefined, {
        action: 'auth.login',
        outcome: 'success',
        actor: email,
        tenantId: account.tenant ?? null,
      });
      return opened;
    },
  );

  api.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in account' } }, (request) => {
    const principal = principalOf(request);
    return {
      account: accountView({ ...principal, id: principal.accountId }),
      csrfToken: principal.csrfToken,
    };
  });

  api.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (request, reply) => {
    const principal = principalOf(request);
    await endSession(ctx.orm.em.fork(), principal.sessionId);
    await audit(ctx.orm, request, principal, { action: 'auth.logout', outcome: 'success' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
};

/** Starts a session for `account`: resets its failure count, sets the cookie, returns what the console needs. */
async function openSession(
  ctx: ApiContext,
  em: EntityManager,
  account: AdminAccount,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  account.failedLogins = 0;
  account.lockedUntil = null;
  account.lastLoginAt = new Date();
  await em.flush();
  const session = await startSession(
    em,
    account,
    { ip: request.ip, userAgent: request.headers['user-agent'] },
    ctx.config.SESSION_TTL_HOURS,
  );
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.COOKIE_SECURE,
    maxAge: ctx.config.SESSION_TTL_HOURS * 3600,
  });
  const tenant = account.tenant ? await em.findOne(Tenant, { id: account.tenant }) : null;
  return {
    account: accountView({ ...account, tenantSlug: tenant?.slug ?? null }),
    csrfToken: session.csrfToken,
  };
}

const OIDC_COOKIE = 'taskline_oidc';
const OIDC_PATH = '/api/v1/auth/oidc';

/** OpenID Connect sign-in, when OIDC_ISSUER is set: /auth/oidc/start redirects to the provider, which returns to /auth/oidc/callback. */
function oidcRoutes(api: ZodApp, ctx: ApiContext): void {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL } = ctx.config;
  const oidc =
    OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET && PUBLIC_URL
      ? oidcClient({
          issuer: OIDC_ISSUER,
          clientId: OIDC_CLIENT_ID,
          clientSecret: OIDC_CLIENT_SECRET,
          redirectUri: new URL('/api/v1/auth/oidc/callback', PUBLIC_URL).toString(),
        })
      : undefined;
  const required = () => {
    if (!oidc) throw new AppError('NOT_FOUND', 'OpenID Connect sign-in is not configured');
    return oidc;
  };
  /** Back to the console's sign-in page with a message it shows. */
  const failed = (reply: FastifyReply, message: string) =>
    reply.redirect(`/?signin_error=${encodeURIComponent(message)}`);

  api.get(
    '/auth/oidc/start',
    { schema: { tags: ['auth'], summary: 'Sign in with the OpenID Connect provider (redirects there)' } },
    async (_request, reply) => {
      const { url, transaction } = await required().start();
      reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(transaction)).toString('base64url'), {
        path: OIDC_PATH,
        httpOnly: true,
        // The provider's redirect back is a cross-site top-level navigation: Lax lets this cookie ride along.
        sameSite: 'lax',
        secure: ctx.config.COOKIE_SECURE,
        maxAge: 600,
      });
      return reply.redirect(url.toString());
    },
  );

  api.get(
    '/auth/oidc/callback',
    { schema: { tags: ['auth'], summary: 'Where the OpenID Connect provider returns; starts a session' } },
    async (request, reply) => {
      const client = required();
      const raw = request.cookies[OIDC_COOKIE];
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
      let transaction: OidcTransaction;
      try {
        transaction = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString()) as OidcTransaction;
        if (!transaction.state || !transaction.verifier) throw new Error('incomplete');
      } catch {
        return failed(reply, 'the sign-in took too long or was started elsewhere; try again');
      }
      const base = new URL(ctx.config.PUBLIC_URL!);
      let identity;
      try {
        identity = await client.finish(new URL(request.url, base), transaction);
      } catch (error) {
        ctx.suspicious?.inc({ kind: 'login_failure' });
        await audit(ctx.orm, request, undefined, {
          action: 'auth.oidc',
          outcome: 'failure',
          details: { reason: (error as Error).message.slice(0, 200) },
        });
        return failed(reply, (error as Error).message);
      }
      const em = ctx.orm.em.fork();
      let account = await em.findOne(AdminAccount, {
        oidcIssuer: identity.issuer,
        oidcSubject: identity.subject,
      });
      if (!account && identity.email && identity.emailVerified) {
        // First OpenID sign-in of an existing account: link it by its verified email.
        account = await em.findOne(AdminAccount, { email: identity.email, oidcSubject: null });
        if (account) {
          account.oidcIssuer = identity.issuer;
          account.oidcSubject = identity.subject;
        }
      }
      if (!account || account.status !== 'active') {
        ctx.suspicious?.inc({ kind: 'login_failure' });
        await audit(ctx.orm, request, undefined, {
          action: 'auth.oidc',
          outcome: 'denied',
          actor: identity.email ?? `oidc:${identity.subject}`,
          details: { reason: account ? 'disabled' : 'no account', emailVerified: identity.emailVerified },
        });
        return failed(
          reply,
          account
            ? 'this console account is disabled'
            : `no console account for ${identity.email ?? 'this identity'}${identity.email && !identity.emailVerified ? ' (the provider did not verify the email)' : ''}; ask an admin to create one`,
        );
      }
      await openSession(ctx, em, account, request, reply);
      await audit(ctx.orm, request, undefined, {
        action: 'auth.login',
        outcome: 'success',
        actor: account.email,
        tenantId: account.tenant ?? null,
        details: { method: 'oidc' },
      });
      return reply.redirect('/');
    },
  );
}
