import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process with the Node.js default metrics; roles add their own instruments to it. */
export function createRegistry(role: string, tenant?: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role, ...(tenant ? { tenant } : {}) });
  // The event loop delay is sampled once a second, not prom-client's default every 10 ms: its timer wakes every
  // idle process at that rate, and with a webhook and a worker per tenant it adds up (10 ms: ~1% of a core per
  // process; 100 ms: an idle webhook 0.13-0.17%, 1 s: 0.03%; docs/performance.md). A stall of a second or more is
  // always seen, shorter ones in proportion to their length.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1000 });
  return registry;
}
