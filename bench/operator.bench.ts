/**
 * Operator at scale (issue 4 targets): N WhatsAppIntegrations (default 1,000) against the in-process Kubernetes
 * API test server, the operator running as its own `taskline operator` process with real PostgreSQL and NATS.
 * Prints: time until every resource has all children and its status written, the operator's RSS, and the
 * API writes during one resync at steady state.
 *   node bench/operator.bench.ts [N]          (make bench-operator)
 */
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats, streamName } from '@taskline/core';
import { customResourceDefinition } from '@taskline/operator';
import { startKubeApiServer } from '../test/k8s-api-server/server.ts';
import { bundleTaskline } from '../scripts/bundle.ts';
import { startRole } from '../test/support/processes.ts';
import { freshDatabase, NATS_URL } from '../test/support/services.ts';

const count = Number(process.argv[2] ?? 1000);
const namespaces = 10;
const resync = 20;
const server = await startKubeApiServer();
const dir = await mkdtemp(join(tmpdir(), 'taskline-bench-'));
const kubeconfig = join(dir, 'kubeconfig');
await writeFile(kubeconfig, server.kubeconfig('taskline'));

const call = (method: string, path: string, body: unknown, contentType = 'application/json') =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  }).then(async (r) => {
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  });
await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', customResourceDefinition());
const tenants: string[] = [];
const b64 = (s: string) => Buffer.from(s).toString('base64');
for (let i = 0; i < count; i++) {
  const ns = `tenants-${i % namespaces}`;
  const tenant = `bench-${i}`;
  tenants.push(tenant);
  await call('POST', `/api/v1/namespaces/${ns}/secrets`, {
    metadata: { name: `${tenant}-wa` },
    data: { accessToken: b64('t'), appSecret: b64('app-secret-1'), verifyToken: b64('v') },
  });
  await call('POST', `/apis/taskline.io/v1alpha1/namespaces/${ns}/whatsappintegrations`, {
    apiVersion: 'taskline.io/v1alpha1',
    kind: 'WhatsAppIntegration',
    metadata: { name: tenant },
    spec: { tenant, phoneNumberId: String(1_000_000 + i), credentialsSecretRef: { name: `${tenant}-wa` } },
  });
}
console.log(`created ${count} WhatsAppIntegrations in ${namespaces} namespaces`);

// As the chart runs it: a bounded heap makes V8 collect instead of growing (docs/deployment.md).
const nodeOptions =
  process.env.OPERATOR_NODE_OPTIONS ?? '--max-old-space-size=104 --max-semi-space-size=1 --v8-pool-size=1';
// As in the image: the bundle (scripts/bundle.ts), not the TypeScript sources.
await bundleTaskline();

const started = Date.now();
const operator = await startRole(
  'operator',
  {
    KUBECONFIG: kubeconfig,
    DATABASE_URL: await freshDatabase('operator_bench'),
    NATS_URL,
    LEADER_ELECT: 'false',
    RESYNC_SECONDS: String(resync),
    RECONCILE_CONCURRENCY: '16',
    LOG_LEVEL: 'error',
    NODE_OPTIONS: nodeOptions,
  },
  { readyTimeoutMs: 120_000 },
);

const converged = () =>
  tenants.every((tenant, i) => {
    const ns = `tenants-${i % namespaces}`;
    const resource = server.object('taskline.io/v1alpha1', 'WhatsAppIntegration', ns, tenant) as
      { status?: { observedGeneration?: number } } | undefined;
    return (
      resource?.status?.observedGeneration === 1 &&
      server.object('apps/v1', 'Deployment', ns, `${tenant}-worker`) !== undefined &&
      server.object('autoscaling/v2', 'HorizontalPodAutoscaler', ns, `${tenant}-worker`) !== undefined
    );
  });
let peakRss = 0;
const rss = async () => {
  const status = await readFile(`/proc/${operator.child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  peakRss = Math.max(peakRss, kb);
  return kb / 1024;
};
while (!converged()) {
  await rss();
  if (Date.now() - started > 600_000) throw new Error('did not converge in 10 minutes');
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const convergeSeconds = (Date.now() - started) / 1000;
const writesToConverge = server.writes().length;
console.log(
  `converged: ${count} resources in ${convergeSeconds.toFixed(1)} s (from operator start; target < 60 s)`,
);
console.log(
  `API writes to converge: ${writesToConverge} (${(writesToConverge / count).toFixed(1)} per resource)`,
);

await new Promise((resolve) => setTimeout(resolve, 2000));
server.resetRequests();
// One full resync period at steady state.
await new Promise((resolve) => setTimeout(resolve, (resync + 3) * 1000));
const steadyRss = await rss();
const writes = server.writes().filter((w) => w.resource !== 'leases');
const metrics = await fetch(`${operator.url}/metrics`).then((r) => r.text());
const reconciles = /taskline_operator_reconcile_total\{[^}]*result="success"[^}]*\} (\d+)/.exec(metrics)?.[1];
console.log(
  `steady state: ${writes.length} API writes during one resync of ${count} resources (target 0); reconciles so far ${reconciles}`,
);
const heapUsed = Number(/nodejs_heap_size_used_bytes\{[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0) / 1e6;
console.log(
  `operator RSS: ${steadyRss.toFixed(0)} MB at ${count} tenants, peak ${(peakRss / 1024).toFixed(0)} MB (target < 200 MB); V8 heap in use ${heapUsed.toFixed(0)} MB (${nodeOptions})`,
);

await operator.stop();
await server.stop();
const nc = await connectNats(NATS_URL, 'bench-cleanup');
const jsm = await jetstreamManager(nc);
for (const tenant of tenants) await jsm.streams.delete(streamName(tenant)).catch(() => false);
await nc.close();
