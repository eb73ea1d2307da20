import { AppError, type AdminRole } from '@taskline/core';

/** The signed-in admin a request acts for. */
export interface Principal {
  accountId: string;
  email: string;
  displayName: string;
  role: AdminRole;
  /** The tenant of a tenant admin or viewer; null for a platform admin. */
  tenantId: string | null;
  tenantSlug: string | null;
  sessionId: string;
  csrfToken: string;
}

export type Access = 'read' | 'write';

/**
 * Whether `principal` may act on `tenantSlug`: platform admins on every tenant, tenant admins on theirs, tenant
 * viewers read theirs. Decided on the slug in the URL before any query, so a refusal reveals nothing about whether
 * the other tenant exists.
 */
export function mayAccess(principal: Principal, tenantSlug: string, access: Access): boolean {
  if (principal.role === 'platform-admin') return true;
  if (principal.tenantSlug !== tenantSlug) return false;
  return access === 'read' || principal.role === 'tenant-admin';
}

export function assertPlatformAdmin(principal: Principal): void {
  if (principal.role !== 'platform-admin') {
    throw new AppError('FORBIDDEN', 'only platform admins may do this');
  }
}
