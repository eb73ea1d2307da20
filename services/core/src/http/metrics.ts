import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process with the Node.js default metrics; roles add their own instruments to it. */
export function createRegistry(role: string, tenant?: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role, ...(tenant ? { tenant } : {}) });
  // The event loop delay is sampled every 100 ms, not prom-client's default 10 ms: its timer woke every idle
  // process 100 times a second (about 1% of a core each; it adds up with a webhook and a worker per tenant).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return registry;
}
