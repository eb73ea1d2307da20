import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process with the Node.js default metrics; roles add their own instruments to it. */
export function createRegistry(role: string, tenant?: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role, ...(tenant ? { tenant } : {}) });
  collectDefaultMetrics({ register: registry });
  return registry;
}
