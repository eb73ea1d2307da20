import { z } from 'zod';
import { AdminAccount, AppError } from '@taskline/core';
import { audit } from '../audit.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { SESSION_COOKIE, endSession, startSession } from '../auth/sessions.ts';
import { principalOf } from '../context.ts';
import type { Routes } from './types.ts';

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
      account.failedLogins = 0;
      account.lockedUntil = null;
      account.lastLoginAt = now;
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
      const tenantSlug = account.tenant
        ? ((
            await em
              .getConnection()
              .execute<{ slug: string }[]>('select slug from tenants where id = ?', [account.tenant])
          )[0]?.slug ?? null)
        : null;
      await audit(ctx.orm, request, undefined, {
        action: 'auth.login',
        outcome: 'success',
        actor: email,
        tenantId: account.tenant ?? null,
      });
      return { account: accountView({ ...account, tenantSlug }), csrfToken: session.csrfToken };
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
