import Fastify, { type FastifyInstance } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { registerOpsRoutes, toAppError } from '@taskline/core';
import { registerCloudApiRoutes } from './routes/cloud-api.routes.ts';
import { registerControlRoutes } from './routes/control.routes.ts';
import type { SimulatorState } from './state.ts';

export interface SimulatorDeps {
  state: SimulatorState;
  registry: Registry;
}

/** The WhatsApp Cloud API stand-in: the Graph send endpoint, plus the `/_sim` control API. Never listens. */
export function buildApp(deps: SimulatorDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
  const requests = new Counter({
    name: 'taskline_simulator_requests_total',
    help: 'Cloud API requests the simulator answered, by outcome and Graph error code',
    labelNames: ['outcome', 'code'],
    registers: [deps.registry],
  });
  const webhooks = new Counter({
    name: 'taskline_simulator_webhooks_total',
    help: 'Webhook deliveries the simulator made, by kind and HTTP result',
    labelNames: ['kind', 'result'],
    registers: [deps.registry],
  });
  app.setErrorHandler((error: unknown, _request, reply) => {
    const appError = toAppError(error);
    const status = (error as { statusCode?: number }).statusCode ?? appError.status;
    void reply.code(status).send(appError.toJSON());
  });
  registerOpsRoutes(app, { registry: deps.registry, checks: {}, isDraining: () => false });
  registerCloudApiRoutes(app, deps.state, requests);
  registerControlRoutes(app, deps.state, webhooks);
  return app;
}
