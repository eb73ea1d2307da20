import { createHash, randomBytes } from 'node:crypto';
import { AdminAccount, AdminSession, Tenant, type EntityManager } from '@taskline/core';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'taskline_session';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionOrigin {
  ip: string;
  userAgent: string | undefined;
}

/** Starts a session: returns the cookie token (stored only as its hash) and the CSRF token. */
export async function startSession(
  em: EntityManager,
  account: AdminAccount,
  origin: SessionOrigin,
  ttlHours: number,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  em.create(AdminSession, {
    tokenHash: sha256(token),
    account: account.id,
    csrfToken,
    ip: origin.ip.slice(0, 64),
    userAgent: origin.userAgent?.slice(0, 500) ?? null,
    expiresAt: new Date(Date.now() + ttlHours * 3600_000),
  });
  await em.flush();
  return { token, csrfToken };
}

/**
 * The principal behind a session cookie, or undefined when the session is unknown, expired, or its account
 * disabled. Activity slides the expiry, written at most once a minute.
 */
export async function resolveSession(
  em: EntityManager,
  token: string,
  ttlHours: number,
): Promise<Principal | undefined> {
  const session = await em.findOne(AdminSession, { tokenHash: sha256(token) });
  if (!session) return undefined;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await em.nativeDelete(AdminSession, { tokenHash: session.tokenHash });
    return undefined;
  }
  const account = await em.findOne(AdminAccount, { id: session.account, status: 'active' });
  if (!account) return undefined;
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await em.nativeUpdate(
      AdminSession,
      { tokenHash: session.tokenHash },
      { lastSeenAt: new Date(now), expiresAt: new Date(now + ttlHours * 3600_000) },
    );
  }
  const tenant = account.tenant ? await em.findOne(Tenant, { id: account.tenant }) : null;
  return {
    accountId: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    tenantId: account.tenant ?? null,
    tenantSlug: tenant?.slug ?? null,
    sessionId: session.tokenHash,
    csrfToken: session.csrfToken,
  };
}

export async function endSession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeDelete(AdminSession, { tokenHash: sessionId });
}
