import type { Counter } from 'prom-client';
import type { FastifyRequest } from 'fastify';
import { AppError, Tenant, type ApiConfig, type Logger, type MikroORM } from '@taskline/core';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { audit } from './audit.ts';
import { mayAccess, type Access, type Principal } from './auth/principal.ts';
import type { LiveFeed } from './live.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** What every route module receives. */
export interface ApiContext {
  config: Pick<
    ApiConfig,
    | 'SESSION_TTL_HOURS'
    | 'COOKIE_SECURE'
    | 'SIMULATOR_URL'
    | 'OIDC_ISSUER'
    | 'OIDC_CLIENT_ID'
    | 'OIDC_CLIENT_SECRET'
    | 'PUBLIC_URL'
    | 'ADMIN_EMAIL'
  >;
  orm: MikroORM;
  log: Logger;
  nc: NatsConnection | undefined;
  jsm: JetStreamManager | undefined;
  live: LiveFeed | undefined;
  /** Suspicious activity the API sees (failed and locked sign-ins), also in the audit log. Set by buildApi. */
  suspicious?: Counter<'kind'>;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHORIZED', 'sign in first');
  return request.principal;
}

/**
 * The tenant named in the URL, after checking the principal may `access` it. A refusal is audited (it may be
 * someone probing for other tenants' data) and answered 403 before the tenant is even looked up.
 */
export async function tenantFor(
  ctx: ApiContext,
  request: FastifyRequest<{ Params: { tenant: string } }>,
  access: Access,
): Promise<Tenant> {
  const principal = principalOf(request);
  const slug = request.params.tenant;
  if (!mayAccess(principal, slug, access)) {
    await audit(ctx.orm, request, principal, {
      action: access === 'read' ? 'tenant.read' : 'tenant.write',
      outcome: 'denied',
      target: `tenant:${slug}`.slice(0, 300),
      details: { method: request.method, url: request.url.slice(0, 300) },
    });
    throw new AppError(
      'FORBIDDEN',
      access === 'write' && principal.tenantSlug === slug
        ? 'your role may only read this tenant'
        : 'your account has no access to this tenant',
    );
  }
  const tenant = await ctx.orm.em.fork().findOne(Tenant, { slug, status: { $ne: 'deleted' } });
  if (!tenant) throw new AppError('NOT_FOUND', `no tenant "${slug}"`);
  return tenant;
}
