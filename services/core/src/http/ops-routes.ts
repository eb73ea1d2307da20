import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => Promise<boolean>;

export interface OpsRoutesOptions {
  registry: Registry;
  /** Named dependency checks; `/readyz` fails when any fails and says which. */
  checks: Record<string, ReadinessCheck>;
  /** True once SIGTERM arrived: the pod must leave the load balancer before it stops. */
  isDraining: () => boolean;
}

/** `/healthz` (alive), `/readyz` (dependencies reachable) and `/metrics` (Prometheus), on every HTTP role. */
export function registerOpsRoutes(app: FastifyInstance, options: OpsRoutesOptions): void {
  app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const names = Object.keys(options.checks);
    const results = await Promise.all(names.map((name) => runCheck(options.checks[name]!)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'failed']));
    const failed = names.filter((_, i) => !results[i]);
    if (options.isDraining()) failed.push('draining');
    if (failed.length > 0) return reply.code(503).send({ status: 'not ready', failed, checks });
    return { status: 'ready', checks };
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(body);
  });
}

async function runCheck(check: ReadinessCheck): Promise<boolean> {
  try {
    return await Promise.race([check(), new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false))]);
  } catch {
    return false;
  }
}
