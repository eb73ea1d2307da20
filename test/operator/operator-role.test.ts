import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customResourceDefinition } from '@taskline/operator';
import { startKubeApiServer, type KubeApiTestServer } from '../k8s-api-server/server.ts';
import { startRole, type RoleProcess } from '../support/processes.ts';
import { freshDatabase, NATS_URL, uniqueTenant } from '../support/services.ts';
import { eventually, toClientModel } from './harness.ts';

/**
 * The operator as a platform admin runs it: two replicas with a KUBECONFIG, one leading through a Lease, the other
 * standing by and taking over when the leader stops. The first runs from the TypeScript sources, the second from the
 * bundle the image runs (scripts/bundle.ts), so the hand-over proves both reconcile.
 */
type Obj = KubernetesObject & {
  spec?: Record<string, unknown>;
  status?: { conditions?: { type: string; status: string }[] };
};

let server: KubeApiTestServer;
let client: KubernetesObjectApi;
let env: Record<string, string>;
const replicas: RoleProcess[] = [];
const namespace = 'taskline';

beforeAll(async () => {
  server = await startKubeApiServer();
  const dir = await mkdtemp(join(tmpdir(), 'taskline-operator-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, server.kubeconfig(namespace));
  const config = new KubeConfig();
  config.loadFromString(server.kubeconfig(namespace));
  client = KubernetesObjectApi.makeApiClient(config);
  await client.patch(
    toClientModel(customResourceDefinition()) as KubernetesObject,
    undefined,
    undefined,
    'admin',
    true,
    'application/apply-patch+yaml',
  );
  env = {
    KUBECONFIG: kubeconfig,
    DATABASE_URL: await freshDatabase('operator_role'),
    NATS_URL,
    POD_NAMESPACE: namespace,
    WATCH_NAMESPACE: namespace,
  };
});

afterAll(async () => {
  for (const replica of replicas) await replica.stop('SIGKILL');
  await server?.stop();
});

const lease = () =>
  client
    .read<Obj & { spec: { holderIdentity?: string } }>({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'taskline-operator', namespace },
    })
    .catch(() => undefined);

describe('taskline operator', () => {
  it('runs two replicas with one leader, reconciles, and hands over to the bundle when the leader stops', async () => {
    replicas.push(await startRole('operator', { ...env, POD_NAME: 'operator-a' }, { source: true }));
    await eventually(async () => (await lease())?.spec.holderIdentity === 'operator-a');
    replicas.push(await startRole('operator', { ...env, POD_NAME: 'operator-b' }));
    const standby = await fetch(`${replicas[1]!.url}/metrics`).then((r) => r.text());
    expect(standby).toMatch(/taskline_operator_leader\{[^}]*\} 0/);

    const tenant = uniqueTenant('role');
    await client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'role-wa', namespace },
      data: {
        accessToken: 'dA==',
        appSecret: Buffer.from('app-secret-1').toString('base64'),
        verifyToken: 'dg==',
      },
    } as KubernetesObject);
    await client.create({
      apiVersion: 'taskline.io/v1alpha1',
      kind: 'WhatsAppIntegration',
      metadata: { name: 'role', namespace },
      spec: { tenant, phoneNumberId: '1234567', credentialsSecretRef: { name: 'role-wa' } },
    } as KubernetesObject);
    const read = (name: string) =>
      client
        .read<Obj>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace } })
        .catch(() => undefined);
    await eventually(() => read('role-worker'));

    expect(await replicas[0]!.stop('SIGTERM')).toBe(0);
    await eventually(async () => (await lease())?.spec.holderIdentity === 'operator-b', 20_000);
    // The new leader repairs what changes from now on.
    await client.delete({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'role-worker', namespace },
    });
    await eventually(() => read('role-worker'), 15_000);
    // The counter moves when the reconcile that recreated it has finished (status written after the apply).
    const metrics = await eventually(async () => {
      const text = await fetch(`${replicas[1]!.url}/metrics`).then((r) => r.text());
      return /taskline_operator_reconcile_total\{[^}]*result="success"[^}]*\} [1-9]/.test(text)
        ? text
        : undefined;
    });
    expect(metrics).toMatch(/taskline_operator_leader\{[^}]*\} 1/);
    expect(metrics).toContain('taskline_operator_workqueue_depth');
  });
});
