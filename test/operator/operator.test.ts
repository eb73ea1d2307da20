/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   the suite reads arbitrary Kubernetes objects back as loosely typed JSON */
import { jetstreamManager } from '@nats-io/jetstream';
import { streamName } from '@taskline/core';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueTenant } from '../support/services.ts';
import { createHarness, eventually, REAL_CLUSTER, settled, type Harness } from './harness.ts';

/**
 * The operator end to end: the real @kubernetes/client-node against the Kubernetes API test server (a real
 * cluster when KUBECONFIG is set), real PostgreSQL and NATS JetStream. Each case is a platform admin's story.
 */
type Obj = KubernetesObject & { spec?: any; status?: any; data?: Record<string, string> };

const API = 'taskline.io/v1alpha1';
const b64 = (value: string) => Buffer.from(value).toString('base64');

let h: Harness;
beforeAll(async () => {
  h = await createHarness(Math.random().toString(36).slice(2, 8));
});
afterAll(async () => {
  await h?.close();
});

const read = (apiVersion: string, kind: string, name: string) =>
  h.client.read<Obj>({ apiVersion, kind, metadata: { name, namespace: h.namespace } }).catch(() => undefined);
const integration = (name: string) => read(API, 'WhatsAppIntegration', name);
const condition = async (name: string, type: string) =>
  ((await integration(name))?.status?.conditions ?? []).find((c: { type: string }) => c.type === type) as
    { status: string; reason: string; message: string } | undefined;

function secret(name: string, data: Record<string, string>): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: h.namespace },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  };
}
const CREDENTIALS = { accessToken: 'EAAG-token', appSecret: 'app-secret-123', verifyToken: 'verify-me' };

function resource(name: string, tenant: string, spec: Record<string, unknown> = {}): Obj {
  return {
    apiVersion: API,
    kind: 'WhatsAppIntegration',
    metadata: { name, namespace: h.namespace },
    spec: {
      tenant,
      displayName: `${tenant} Inc`,
      phoneNumberId: '106540352242922',
      credentialsSecretRef: { name: `${name}-wa` },
      ...spec,
    },
  };
}

const apply = (object: Obj) =>
  h.client.patch(object, undefined, undefined, 'test-admin', true, 'application/apply-patch+yaml');
const mergePatch = (object: Obj) =>
  h.client.patch(object, undefined, undefined, 'kubectl-edit', undefined, 'application/merge-patch+json');

/** The controller-manager's part: report a Deployment's pods as available, through /status (no pods run here). */
async function markAvailable(name: string) {
  if (REAL_CLUSTER) return;
  const deployment = await eventually(() => read('apps/v1', 'Deployment', name));
  const replicas = deployment.spec.replicas ?? 1;
  const server = h.server!;
  const url = `${server.url}/apis/apps/v1/namespaces/${h.namespace}/deployments/${name}/status`;
  await fetch(url, {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ status: { replicas, availableReplicas: replicas, readyReplicas: replicas } }),
  });
}

describe('the operator', () => {
  const tenant = uniqueTenant('op');
  const name = 'acme';
  let operator: Awaited<ReturnType<Harness['start']>>;

  it('rejects invalid specs at the API with the CEL messages, and fills in defaults', async () => {
    const bad = resource('bad', 'Not_A_Label', {
      worker: { replicas: 5, maxReplicas: 2 },
      messaging: { ratePerSecond: 5000 },
      webhook: { ingress: { host: 'not a host' } },
    });
    const error = await h.client.create(bad).catch((e: { code: number; body: string }) => e);
    expect((error as { code: number }).code).toBe(422);
    const body = String((error as { body: string }).body);
    expect(body).toContain('tenant must be a DNS label');
    expect(body).toContain('worker.maxReplicas must be at least worker.replicas');
    expect(body).toContain('messaging.ratePerSecond must be 1 to 1000');
    expect(body).toContain('ingress.host must be a DNS name');
  });

  it('turns a new resource into its children, stream, tenant row and conditions', async () => {
    operator = await h.start();
    await apply(secret(`${name}-wa`, CREDENTIALS));
    await apply(resource(name, tenant));

    const created = await eventually(async () => {
      const r = await integration(name);
      return r?.status?.observedGeneration === 1 ? r : undefined;
    });
    expect(created.metadata?.finalizers).toContain('taskline.io/cleanup');
    expect(created.spec.webhook.replicas).toBe(2); // defaulted by the CRD schema
    expect(created.status.stream).toBe(streamName(tenant));
    expect(created.status.webhookUrl).toBe(`http://${name}-webhook.${h.namespace}.svc.cluster.local/webhook`);

    for (const [apiVersion, kind, child] of [
      ['v1', 'ServiceAccount', name],
      ['v1', 'ConfigMap', `${name}-config`],
      ['v1', 'Service', `${name}-webhook`],
      ['apps/v1', 'Deployment', `${name}-webhook`],
      ['apps/v1', 'Deployment', `${name}-worker`],
      ['policy/v1', 'PodDisruptionBudget', `${name}-webhook`],
      ['networking.k8s.io/v1', 'NetworkPolicy', `${name}-worker`],
      ['autoscaling/v2', 'HorizontalPodAutoscaler', `${name}-worker`],
    ] as const) {
      const object = await read(apiVersion, kind, child);
      expect(object, `${kind} ${child}`).toBeDefined();
      expect(object!.metadata?.ownerReferences?.[0]?.uid).toBe(created.metadata?.uid);
      expect(object!.metadata?.managedFields?.some((f) => f.manager === 'taskline-operator')).toBe(true);
    }
    const config = await read('v1', 'ConfigMap', `${name}-config`);
    expect(JSON.stringify(config!.data)).not.toContain(CREDENTIALS.accessToken);

    expect(await condition(name, 'CredentialsValid')).toMatchObject({ status: 'True' });
    expect(await condition(name, 'StreamReady')).toMatchObject({ status: 'True' });
    expect((await condition(name, 'Ready'))?.status).not.toBe('True');

    const jsm = await jetstreamManager(h.nc);
    const info = await jsm.streams.info(streamName(tenant));
    expect(info.config.subjects).toEqual([`taskline.${tenant}.>`]);
    expect((await jsm.consumers.list(streamName(tenant)).next()).map((c) => c.name).sort()).toEqual([
      'security',
      'sender',
      'status',
      'worker',
    ]);
    const [row] = await h.orm.em
      .fork()
      .execute<{ status: string; display_name: string }[]>(
        'select status, display_name from tenants where slug = ?',
        [tenant],
      );
    expect(row).toEqual({ status: 'active', display_name: `${tenant} Inc` });

    await markAvailable(`${name}-webhook`);
    await markAvailable(`${name}-worker`);
    await eventually(async () => (await condition(name, 'Ready'))?.status === 'True');
    // The tenant row carries the integration for the console, Ready included.
    await eventually(async () => {
      const [copy] = await h.orm.em.fork().execute<
        {
          integration: {
            name: string;
            spec: { tenant: string };
            status: { conditions: { type: string; status: string }[] };
          } | null;
        }[]
      >('select integration from tenants where slug = ?', [tenant]);
      return (
        copy?.integration?.name === name &&
        copy.integration.spec.tenant === tenant &&
        copy.integration.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True')
      );
    });
  });

  it('writes nothing to the API server when a resync finds everything as desired', async () => {
    await settled(operator);
    h.server?.resetRequests();
    operator.controller()!.enqueueAll();
    await settled(operator);
    const writes = h.server?.writes() ?? [];
    expect(writes).toEqual([]);
    const reads = (h.server?.requests() ?? []).filter((r) => r.resource !== 'leases');
    expect(reads.filter((r) => r.verb === 'get' || r.verb === 'list')).toEqual([]); // served from the caches
  });

  it('applies a spec change to the children and observes the new generation', async () => {
    const before = await read('apps/v1', 'Deployment', `${name}-worker`);
    await mergePatch({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
      spec: { worker: { concurrency: 4 }, webhook: { replicas: 3 } },
    });
    await eventually(async () => (await integration(name))?.status?.observedGeneration === 2);
    const config = await read('v1', 'ConfigMap', `${name}-config`);
    expect(config!.data!.WORKER_CONCURRENCY).toBe('4');
    expect((await read('apps/v1', 'Deployment', `${name}-webhook`))!.spec.replicas).toBe(3);
    const after = await read('apps/v1', 'Deployment', `${name}-worker`);
    const hash = (d: Obj | undefined) => d!.spec.template.metadata.annotations['taskline.io/config-hash'];
    expect(hash(after)).not.toBe(hash(before)); // the pods roll onto the new configuration
  });

  it('repairs a child edited or deleted by hand', async () => {
    await mergePatch({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace: h.namespace },
      data: { WORKER_CONCURRENCY: '64' },
    });
    await h.client.delete({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${name}-webhook`, namespace: h.namespace },
    });
    await eventually(
      async () => (await read('v1', 'ConfigMap', `${name}-config`))?.data?.WORKER_CONCURRENCY === '4',
    );
    await eventually(() => read('v1', 'Service', `${name}-webhook`));
  });

  it('rolls the pods when the credentials Secret is rotated', async () => {
    const hash = async () =>
      (await read('apps/v1', 'Deployment', `${name}-worker`))!.spec.template.metadata.annotations[
        'taskline.io/credentials-hash'
      ] as string;
    const before = await hash();
    await apply(secret(`${name}-wa`, { ...CREDENTIALS, accessToken: 'EAAG-rotated' }));
    await eventually(async () => (await hash()) !== before);
  });

  it('reports a missing Secret or key by name, and recovers when it appears', async () => {
    const other = 'globex';
    const otherTenant = uniqueTenant('gx');
    await apply(resource(other, otherTenant));
    const missing = await eventually(async () => {
      const c = await condition(other, 'CredentialsValid');
      return c?.reason === 'SecretNotFound' ? c : undefined;
    });
    expect(missing.message).toBe(`Secret "${other}-wa" not found in the resource namespace`);
    expect(await read('apps/v1', 'Deployment', `${other}-webhook`)).toBeUndefined();

    await apply(secret(`${other}-wa`, { accessToken: 'x', verifyToken: 'y' }));
    const keyMissing = await eventually(async () => {
      const c = await condition(other, 'CredentialsValid');
      return c?.reason === 'SecretKeyMissing' ? c : undefined;
    });
    expect(keyMissing.message).toContain(`Secret "${other}-wa" has no key "appSecret"`);

    await apply(secret(`${other}-wa`, CREDENTIALS));
    await eventually(async () => (await condition(other, 'CredentialsValid'))?.status === 'True');
    await eventually(() => read('apps/v1', 'Deployment', `${other}-webhook`));
  });

  it('suspends to zero keeping the data, and resumes', async () => {
    await mergePatch({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
      spec: { suspend: true },
    });
    await eventually(async () => (await condition(name, 'Ready'))?.reason === 'Suspended');
    expect((await read('apps/v1', 'Deployment', `${name}-webhook`))!.spec.replicas).toBe(0);
    expect((await read('apps/v1', 'Deployment', `${name}-worker`))!.spec.replicas).toBe(0);
    await eventually(
      async () => (await read('autoscaling/v2', 'HorizontalPodAutoscaler', `${name}-worker`)) === undefined,
    );
    const [row] = await h.orm.em
      .fork()
      .execute<{ status: string }[]>('select status from tenants where slug = ?', [tenant]);
    expect(row!.status).toBe('suspended');

    await mergePatch({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
      spec: { suspend: false },
    });
    await eventually(
      async () => (await read('apps/v1', 'Deployment', `${name}-worker`))?.spec.replicas === 1,
    );
    await eventually(() => read('autoscaling/v2', 'HorizontalPodAutoscaler', `${name}-worker`));
    expect((await read('apps/v1', 'Deployment', `${name}-webhook`))!.spec.replicas).toBe(3);
  });

  it.skipIf(REAL_CLUSTER)('recovers from broken watches, 410 Gone and an API server restart', async () => {
    h.server!.compact();
    h.server!.breakWatches();
    await mergePatch({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
      spec: { worker: { concurrency: 6 } },
    });
    await eventually(
      async () => (await read('v1', 'ConfigMap', `${name}-config`))?.data?.WORKER_CONCURRENCY === '6',
    );

    await h.server!.restart();
    await mergePatch({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
      spec: { worker: { concurrency: 7 } },
    });
    await eventually(
      async () => (await read('v1', 'ConfigMap', `${name}-config`))?.data?.WORKER_CONCURRENCY === '7',
      15_000,
    );
  });

  it('converges after an operator restart part-way', async () => {
    await operator.stop();
    await mergePatch({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
      spec: { worker: { concurrency: 5 } },
    });
    await h.client.delete({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${name}-webhook`, namespace: h.namespace },
    });
    operator = await h.start();
    await eventually(
      async () => (await read('v1', 'ConfigMap', `${name}-config`))?.data?.WORKER_CONCURRENCY === '5',
    );
    await eventually(() => read('networking.k8s.io/v1', 'NetworkPolicy', `${name}-webhook`));
  });

  it('cleans up through its finalizer on deletion and keeps the data', async () => {
    await h.client.delete({
      apiVersion: API,
      kind: 'WhatsAppIntegration',
      metadata: { name, namespace: h.namespace },
    });
    await eventually(async () => (await integration(name)) === undefined);
    const jsm = await jetstreamManager(h.nc);
    await expect(jsm.streams.info(streamName(tenant))).rejects.toThrow(/stream not found/);
    const [row] = await h.orm.em
      .fork()
      .execute<{ status: string; deleted_at: Date | null }[]>(
        'select status, deleted_at from tenants where slug = ?',
        [tenant],
      );
    expect(row!.status).toBe('deleted');
    expect(row!.deleted_at).not.toBeNull();
    if (!REAL_CLUSTER)
      await eventually(async () => (await read('apps/v1', 'Deployment', `${name}-worker`)) === undefined);
  });
});
