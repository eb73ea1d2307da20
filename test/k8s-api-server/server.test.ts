// The test API server driven by the real @kubernetes/client-node: every request below crosses real HTTP.
import { readFileSync } from 'node:fs';
import {
  ApiException,
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  loadYaml,
  makeInformer,
  setHeaderOptions,
  type KubernetesObject,
  type V1ConfigMap,
  type V1CustomResourceDefinition,
  type V1Deployment,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WIDGET_CRD } from './fixtures.ts';
import { startKubeApiServer, type KubeApiTestServer } from './server.ts';

let server: KubeApiTestServer;
let kc: KubeConfig;
let objects: KubernetesObjectApi;
let core: CoreV1Api;
let apps: AppsV1Api;
let custom: CustomObjectsApi;
let namespaceCount = 0;
/** Loaded through client-node's own YAML loader: its typed serializer drops `default`, `enum` and
 * `x-kubernetes-*` keys of a plain object (they are `_default`, `_enum`, `xKubernetes*` in its models). */
const widgetCrd = loadYaml<V1CustomResourceDefinition>(JSON.stringify(WIDGET_CRD));

beforeAll(async () => {
  server = await startKubeApiServer();
  kc = new KubeConfig();
  kc.loadFromString(server.kubeconfig('tests'));
  objects = KubernetesObjectApi.makeApiClient(kc);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  custom = kc.makeApiClient(CustomObjectsApi);
});

afterAll(async () => {
  await server.stop();
});

/** A fresh namespace name per test (namespaces need not exist). */
const freshNamespace = () => `t${++namespaceCount}`;

interface Failure {
  code: number;
  status: {
    reason?: string;
    message?: string;
    details?: { causes?: { field?: string; message?: string; reason?: string }[] };
  };
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body =
      typeof error.body === 'string'
        ? (JSON.parse(error.body) as Failure['status'])
        : (error.body as Failure['status']);
    return { code: error.code, status: body };
  }
  throw new Error('expected the request to fail');
}

function configMap(
  namespace: string,
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(labels && { labels }) },
    data,
  };
}

function deployment(namespace: string, name: string, replicas = 1): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
      },
    },
  };
}

const apply = <T extends KubernetesObject>(object: T, manager: string, force?: boolean) =>
  objects.patch<T>(object, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);

interface Collected {
  events: { type: string; object: KubernetesObject & Record<string, unknown> }[];
  ended: () => unknown;
  stop: () => void;
}

async function watch(path: string, query: Record<string, string | boolean | number>): Promise<Collected> {
  const events: Collected['events'] = [];
  let ended: unknown = 'open';
  const controller = await new Watch(kc).watch(
    path,
    query,
    (type: string, object: KubernetesObject & Record<string, unknown>) => events.push({ type, object }),
    (error: unknown) => {
      ended = error ?? null;
    },
  );
  return { events, ended: () => ended, stop: () => controller.abort() };
}

const rvOf = (o: KubernetesObject | undefined) => o?.metadata?.resourceVersion;

async function fetchJson(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: 'Bearer test' } });
  return (await response.json()) as Record<string, unknown>;
}

describe('discovery and KubernetesObjectApi', () => {
  it('publishes API groups and resource lists the way kube-apiserver does', async () => {
    const groups = await fetchJson('/apis');
    expect(groups.kind).toBe('APIGroupList');
    expect((groups.groups as { name: string }[]).map((g) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'networking.k8s.io',
        'policy',
        'autoscaling',
        'coordination.k8s.io',
        'events.k8s.io',
      ]),
    );
    const appsV1 = await fetchJson('/apis/apps/v1');
    const resources = appsV1.resources as {
      name: string;
      kind: string;
      namespaced: boolean;
      verbs: string[];
      shortNames?: string[];
    }[];
    expect(resources.map((r) => r.name)).toEqual(['deployments', 'deployments/status']);
    expect(resources[0]).toMatchObject({ kind: 'Deployment', namespaced: true, shortNames: ['deploy'] });
    expect(resources[0]!.verbs).toEqual(
      expect.arrayContaining(['create', 'get', 'list', 'watch', 'patch', 'delete']),
    );
    const coreV1 = await fetchJson('/api/v1');
    const namespaces = (coreV1.resources as { name: string; namespaced: boolean }[]).find(
      (r) => r.name === 'namespaces',
    );
    expect(namespaces?.namespaced).toBe(false);
    expect((await fetchJson('/api')).versions).toEqual(['v1']);
  });

  it('creates, reads, lists, patches and deletes through KubernetesObjectApi', async () => {
    const ns = freshNamespace();
    const created = await objects.create(configMap(ns, 'settings', { a: '1' }));
    expect(created.metadata).toMatchObject({ name: 'settings', namespace: ns });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata?.creationTimestamp).toBeDefined();

    const read = await objects.read<V1ConfigMap>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: ns },
    });
    expect(read.data).toEqual({ a: '1' });

    const deploy = await objects.create(deployment(ns, 'web'));
    expect(deploy.metadata?.generation).toBe(1);
    const listed = await objects.list<V1Deployment>('apps/v1', 'Deployment', ns);
    expect(listed.items.map((d) => d.metadata?.name)).toEqual(['web']);

    const patched = await objects.patch<V1ConfigMap>(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: ns },
        data: { b: '2' },
      },
      undefined,
      undefined,
      'tester',
      undefined,
      PatchStrategy.MergePatch,
    );
    expect(patched.data).toEqual({ a: '1', b: '2' });

    await objects.delete({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: ns },
    });
    const gone = await failure(
      objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns } }),
    );
    expect(gone.code).toBe(404);
    expect(gone.status).toMatchObject({ reason: 'NotFound', message: 'configmaps "settings" not found' });
    const missing = await failure(apps.readNamespacedDeployment({ name: 'nope', namespace: ns }));
    expect(missing.status.message).toBe('deployments.apps "nope" not found');
  });

  it('records every request with its verb and resource', async () => {
    const ns = freshNamespace();
    server.resetRequests();
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'x') });
    await core.readNamespacedConfigMap({ namespace: ns, name: 'x' });
    await core.listConfigMapForAllNamespaces();
    await apply(configMap(ns, 'x', { k: 'v' }), 'recorder');
    const records = server.requests().filter((r) => r.resource === 'configmaps');
    expect(records.map((r) => r.verb)).toEqual(['create', 'get', 'list', 'patch']);
    expect(records[0]).toMatchObject({
      method: 'POST',
      group: '',
      version: 'v1',
      namespace: ns,
      status: 201,
    });
    expect(records[3]).toMatchObject({
      name: 'x',
      fieldManager: 'recorder',
      patchType: 'application/apply-patch+yaml',
      status: 200,
    });
    expect(server.writes().map((r) => r.verb)).toEqual(['create', 'patch']);
  });
});

describe('writes', () => {
  it('answers a second create with 409 AlreadyExists', async () => {
    const ns = freshNamespace();
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'dup') });
    const second = await failure(
      core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'dup') }),
    );
    expect(second.code).toBe(409);
    expect(second.status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "dup" already exists',
    });
  });

  it('refuses an update carrying a stale resourceVersion with 409 Conflict', async () => {
    const ns = freshNamespace();
    const first = await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap(ns, 'c', { v: '1' }),
    });
    await core.replaceNamespacedConfigMap({ namespace: ns, name: 'c', body: { ...first, data: { v: '2' } } });
    const stale = await failure(
      core.replaceNamespacedConfigMap({ namespace: ns, name: 'c', body: { ...first, data: { v: '3' } } }),
    );
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect((await core.readNamespacedConfigMap({ namespace: ns, name: 'c' })).data).toEqual({ v: '2' });
  });

  it('keeps the resourceVersion of a write that changes nothing', async () => {
    const ns = freshNamespace();
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap(ns, 'same', { a: '1' }),
    });
    const replaced = await core.replaceNamespacedConfigMap({ namespace: ns, name: 'same', body: created });
    expect(rvOf(replaced)).toBe(rvOf(created));
    const merged = await core.patchNamespacedConfigMap(
      { namespace: ns, name: 'same', body: { data: { a: '1' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(rvOf(merged)).toBe(rvOf(created));
  });

  it('applies merge patches (null removes) and JSON patches (a failed test is 422)', async () => {
    const ns = freshNamespace();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap(ns, 'm', { a: '1', b: '2' }, { keep: 'yes', drop: 'yes' }),
    });
    const merged = await core.patchNamespacedConfigMap(
      {
        namespace: ns,
        name: 'm',
        body: { metadata: { labels: { drop: null, added: 'x' } }, data: { b: null, c: '3' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merged.metadata?.labels).toEqual({ keep: 'yes', added: 'x' });
    expect(merged.data).toEqual({ a: '1', c: '3' });
    const patched = await core.patchNamespacedConfigMap(
      {
        namespace: ns,
        name: 'm',
        body: [
          { op: 'replace', path: '/data/a', value: 'one' },
          { op: 'remove', path: '/data/c' },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(patched.data).toEqual({ a: 'one' });
    const failed = await failure(
      core.patchNamespacedConfigMap(
        { namespace: ns, name: 'm', body: [{ op: 'test', path: '/data/a', value: 'other' }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    );
    expect(failed.code).toBe(422);
  });

  it('validates names and labels as the real server does', async () => {
    const ns = freshNamespace();
    const badName = await failure(
      core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'Bad_Name') }),
    );
    expect(badName.code).toBe(422);
    expect(badName.status.message).toMatch(
      /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    const badLabel = await failure(
      core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'ok', {}, { app: 'not valid!' }) }),
    );
    expect(badLabel.status.details?.causes?.[0]).toMatchObject({
      field: 'metadata.labels',
      reason: 'FieldValueInvalid',
    });
    const withVersion = configMap(ns, 'rv');
    withVersion.metadata!.resourceVersion = '5';
    const rvSet = await failure(core.createNamespacedConfigMap({ namespace: ns, body: withVersion }));
    expect(rvSet).toMatchObject({
      code: 500,
      status: {
        message: expect.stringContaining('resourceVersion should not be set on objects to be created'),
      },
    });
  });

  it('lists with label and field selectors, across namespaces, with pagination', async () => {
    const [a, b] = [freshNamespace(), freshNamespace()];
    await core.createNamespacedConfigMap({
      namespace: a,
      body: configMap(a, 'one', {}, { tier: 'web', env: 'prod' }),
    });
    await core.createNamespacedConfigMap({ namespace: a, body: configMap(a, 'two', {}, { tier: 'db' }) });
    await core.createNamespacedConfigMap({
      namespace: b,
      body: configMap(b, 'three', {}, { tier: 'web', env: 'dev' }),
    });
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await core.listConfigMapForAllNamespaces({ labelSelector, fieldSelector })).items
        .filter((c) => c.metadata?.namespace === a || c.metadata?.namespace === b)
        .map((c) => c.metadata?.name);
    expect(await names('tier=web')).toEqual(['one', 'three']);
    expect(await names('tier!=web')).toEqual(['two']);
    expect(await names('env')).toEqual(['one', 'three']);
    expect(await names('!env')).toEqual(['two']);
    expect(await names('env in (dev,qa)')).toEqual(['three']);
    expect(await names('tier=web,env notin (dev)')).toEqual(['one']);
    expect(await names(undefined, `metadata.namespace=${b}`)).toEqual(['three']);
    expect(await names(undefined, 'metadata.name!=two')).toEqual(['one', 'three']);
    const unsupported = await failure(core.listConfigMapForAllNamespaces({ fieldSelector: 'data.x=1' }));
    expect(unsupported.status).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: data.x',
    });

    const page = await core.listNamespacedConfigMap({ namespace: a, limit: 1 });
    expect(page.items.map((c) => c.metadata?.name)).toEqual(['one']);
    expect(page.metadata?.remainingItemCount).toBe(1);
    const rest = await core.listNamespacedConfigMap({
      namespace: a,
      limit: 1,
      _continue: page.metadata?._continue,
    });
    expect(rest.items.map((c) => c.metadata?.name)).toEqual(['two']);
    expect(rest.metadata?._continue).toBeUndefined();

    const raw = await fetchJson(`/api/v1/namespaces/${a}/configmaps`);
    expect(raw.kind).toBe('ConfigMapList');
    expect((raw.items as Record<string, unknown>[])[0]).not.toHaveProperty('kind');
  });
});

describe('server-side apply', () => {
  it('creates, does nothing on a repeat (same resourceVersion, no event) and removes fields it no longer applies', async () => {
    const ns = freshNamespace();
    const intent = { ...configMap(ns, 'applied', { a: '1', b: '2' }, { owner: 'me', extra: 'x' }) };
    const created = await apply(intent, 'operator');
    expect(created.metadata?.managedFields).toEqual([
      expect.objectContaining({
        manager: 'operator',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:data': { 'f:a': {}, 'f:b': {} },
          'f:metadata': { 'f:labels': { 'f:extra': {}, 'f:owner': {} } },
        },
      }),
    ]);
    await core.patchNamespacedConfigMap(
      { namespace: ns, name: 'applied', body: { metadata: { labels: { other: 'kept' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const before = await core.readNamespacedConfigMap({ namespace: ns, name: 'applied' });
    const events = await watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rvOf(before)! });

    const again = await apply(intent, 'operator');
    expect(rvOf(again)).toBe(rvOf(before));

    const smaller = await apply(configMap(ns, 'applied', { a: '1' }, { owner: 'me' }), 'operator');
    expect(smaller.data).toEqual({ a: '1' });
    expect(smaller.metadata?.labels).toEqual({ owner: 'me', other: 'kept' });
    await vi.waitFor(() => expect(events.events).toHaveLength(1));
    expect(events.events[0]).toMatchObject({
      type: 'MODIFIED',
      object: { metadata: { resourceVersion: rvOf(smaller) } },
    });
    events.stop();
    const managers = smaller.metadata?.managedFields?.map((m) => [m.manager, m.operation]);
    expect(managers).toEqual([
      ['operator', 'Apply'],
      [expect.any(String), 'Update'],
    ]);
  });

  it('needs a fieldManager, reports conflicts between managers and takes fields over with force', async () => {
    const ns = freshNamespace();
    const missing = await failure(
      objects.patch(
        deployment(ns, 'api'),
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(missing.code).toBe(400);

    await apply(deployment(ns, 'api', 2), 'team-a');
    const conflict = await failure(apply(deployment(ns, 'api', 5), 'team-b'));
    expect(conflict.code).toBe(409);
    expect(conflict.status.reason).toBe('Conflict');
    expect(conflict.status.message).toBe(
      'Apply failed with 1 conflict: conflict with "team-a": .spec.replicas',
    );
    expect(conflict.status.details?.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "team-a"', field: '.spec.replicas' },
    ]);
    const same = await apply(deployment(ns, 'api', 2), 'team-b');
    expect(same.metadata?.managedFields?.map((m) => m.manager)).toEqual(['team-a', 'team-b']);

    const forced = await apply(deployment(ns, 'api', 5), 'team-b', true);
    expect(forced.spec?.replicas).toBe(5);
    expect(forced.metadata?.generation).toBe(2);
    const teamA = forced.metadata?.managedFields?.find((m) => m.manager === 'team-a');
    expect(JSON.stringify(teamA?.fieldsV1)).not.toContain('f:replicas');
  });

  it('merges associative lists by key and sets by value', async () => {
    const ns = freshNamespace();
    const base = deployment(ns, 'lists');
    base.metadata!.finalizers = ['example.test/a'];
    await apply(base, 'one');
    const sidecar: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'lists', namespace: ns, finalizers: ['example.test/b'] },
      spec: {
        template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1' }] } },
      } as V1Deployment['spec'],
    };
    const merged = await apply(sidecar, 'two');
    expect(merged.metadata?.finalizers).toEqual(['example.test/a', 'example.test/b']);
    expect(merged.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['main', 'sidecar']);
    const releasing: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'lists', namespace: ns },
    };
    const released = await apply(releasing, 'two');
    expect(released.metadata?.finalizers).toEqual(['example.test/a']);
    expect(released.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['main']);
    expect(released.spec?.template.spec?.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePolicy: 'File',
    });
  });
});

describe('status subresource', () => {
  it('writes only status through /status, never bumps generation, and ignores status on the main endpoint', async () => {
    const ns = freshNamespace();
    const created = await apps.createNamespacedDeployment({
      namespace: ns,
      body: { ...deployment(ns, 'st'), status: { replicas: 9 } },
    });
    expect(created.status).toEqual({});
    expect(created.metadata?.generation).toBe(1);

    const withStatus = await apps.patchNamespacedDeploymentStatus(
      {
        namespace: ns,
        name: 'st',
        body: { status: { observedGeneration: 1, readyReplicas: 1 }, spec: { replicas: 7 } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(withStatus.status).toEqual({ observedGeneration: 1, readyReplicas: 1 });
    expect(withStatus.spec?.replicas).toBe(1);
    expect(withStatus.metadata?.generation).toBe(1);

    const ignored = await apps.patchNamespacedDeployment(
      { namespace: ns, name: 'st', body: { status: { readyReplicas: 5 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(ignored.status?.readyReplicas).toBe(1);
    expect(rvOf(ignored)).toBe(rvOf(withStatus));

    const scaled = await apps.patchNamespacedDeployment(
      { namespace: ns, name: 'st', body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(scaled.metadata?.generation).toBe(2);
    const labelled = await apps.patchNamespacedDeployment(
      { namespace: ns, name: 'st', body: { metadata: { labels: { extra: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(labelled.metadata?.generation).toBe(2);
    const replaced = await apps.replaceNamespacedDeploymentStatus({
      namespace: ns,
      name: 'st',
      body: { ...labelled, status: { observedGeneration: 2 } },
    });
    expect(replaced.status).toEqual({ observedGeneration: 2 });
    expect(replaced.metadata?.generation).toBe(2);
  });
});

describe('deletion', () => {
  it('marks an object with finalizers and removes it when the last finalizer goes', async () => {
    const ns = freshNamespace();
    const body = configMap(ns, 'held');
    body.metadata!.finalizers = ['example.test/cleanup'];
    const created = await core.createNamespacedConfigMap({ namespace: ns, body });
    const events = await watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rvOf(created)! });

    await core.deleteNamespacedConfigMap({ namespace: ns, name: 'held' });
    const marked = await core.readNamespacedConfigMap({ namespace: ns, name: 'held' });
    expect(marked.metadata?.deletionTimestamp).toBeDefined();
    expect(marked.metadata?.deletionGracePeriodSeconds).toBe(0);
    const adding = await failure(
      core.patchNamespacedConfigMap(
        {
          namespace: ns,
          name: 'held',
          body: { metadata: { finalizers: ['example.test/cleanup', 'example.test/more'] } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(adding.status.message).toContain('no new finalizers can be added if the object is being deleted');

    await core.patchNamespacedConfigMap(
      { namespace: ns, name: 'held', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect((await failure(core.readNamespacedConfigMap({ namespace: ns, name: 'held' }))).code).toBe(404);
    await vi.waitFor(() => expect(events.events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']));
    expect(events.events[1]!.object.metadata?.finalizers).toBeUndefined();
    events.stop();
  });

  it('bumps the generation of a custom resource when its deletion starts', async () => {
    await apply(widgetCrd, 'installer');
    const ns = freshNamespace();
    const body = {
      apiVersion: 'example.test/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: ns, finalizers: ['example.test/f'] },
      spec: { tenant: 'acme' },
    };
    await custom.createNamespacedCustomObject({
      group: 'example.test',
      version: 'v1',
      namespace: ns,
      plural: 'widgets',
      body,
    });
    await custom.deleteNamespacedCustomObject({
      group: 'example.test',
      version: 'v1',
      namespace: ns,
      plural: 'widgets',
      name: 'w',
    });
    expect(server.object('example.test/v1', 'Widget', ns, 'w')?.metadata.generation).toBe(2);
  });

  it('collects the dependents of a deleted owner (background cascade)', async () => {
    const ns = freshNamespace();
    const owner = await apps.createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'owner') });
    const ref = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'owner',
      uid: owner.metadata!.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
    for (const name of ['child-1', 'child-2']) {
      const child = configMap(ns, name);
      child.metadata!.ownerReferences = [ref];
      await core.createNamespacedConfigMap({ namespace: ns, body: child });
    }
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'unrelated') });
    await apps.deleteNamespacedDeployment({ namespace: ns, name: 'owner' });
    await server.settled();
    const left = await core.listNamespacedConfigMap({ namespace: ns });
    expect(left.items.map((c) => c.metadata?.name)).toEqual(['unrelated']);
  });

  it('deletes dependents first with propagationPolicy Foreground', async () => {
    const ns = freshNamespace();
    const owner = await apps.createNamespacedDeployment({ namespace: ns, body: deployment(ns, 'fg') });
    const child = configMap(ns, 'fg-child');
    child.metadata!.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'fg',
        uid: owner.metadata!.uid!,
        blockOwnerDeletion: true,
      },
    ];
    child.metadata!.finalizers = ['example.test/slow'];
    await core.createNamespacedConfigMap({ namespace: ns, body: child });
    await apps.deleteNamespacedDeployment({ namespace: ns, name: 'fg', propagationPolicy: 'Foreground' });
    await server.settled();
    const waiting = await apps.readNamespacedDeployment({ namespace: ns, name: 'fg' });
    expect(waiting.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(
      (await core.readNamespacedConfigMap({ namespace: ns, name: 'fg-child' })).metadata?.deletionTimestamp,
    ).toBeDefined();
    await core.patchNamespacedConfigMap(
      { namespace: ns, name: 'fg-child', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await server.settled();
    expect((await failure(apps.readNamespacedDeployment({ namespace: ns, name: 'fg' }))).code).toBe(404);
  });

  it('empties and removes a deleted namespace', async () => {
    const name = `gone-${freshNamespace()}`;
    const created = await core.createNamespace({ body: { metadata: { name } } });
    expect(created.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': name });
    expect(created.status?.phase).toBe('Active');
    await core.createNamespacedConfigMap({ namespace: name, body: configMap(name, 'plain') });
    const held = configMap(name, 'held');
    held.metadata!.finalizers = ['example.test/hold'];
    await core.createNamespacedConfigMap({ namespace: name, body: held });
    await core.deleteNamespace({ name });
    await server.settled();
    const terminating = await core.readNamespace({ name });
    expect(terminating.status?.phase).toBe('Terminating');
    expect(
      (await core.listNamespacedConfigMap({ namespace: name })).items.map((c) => c.metadata?.name),
    ).toEqual(['held']);
    const creating = await failure(
      core.createNamespacedConfigMap({ namespace: name, body: configMap(name, 'late') }),
    );
    expect(creating.code).toBe(403);
    expect(creating.status.message).toBe(
      `configmaps "late" is forbidden: unable to create new content in namespace ${name} because it is being terminated`,
    );
    await core.patchNamespacedConfigMap(
      { namespace: name, name: 'held', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await server.settled();
    expect((await failure(core.readNamespace({ name }))).code).toBe(404);
  });
});

describe('custom resources', () => {
  const group = 'example.test';
  const widgets = (namespace: string) => ({ group, version: 'v1', namespace, plural: 'widgets' });

  it('serves a CRD at once, with schema defaults, validation and CEL rules', async () => {
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    await apply(widgetCrd, 'installer');
    const crd = await ext.readCustomResourceDefinition({ name: 'widgets.example.test' });
    expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    const discovery = await fetchJson('/apis/example.test/v1');
    expect(discovery.resources).toEqual([
      expect.objectContaining({ name: 'widgets', kind: 'Widget', namespaced: true, shortNames: ['wdg'] }),
      expect.objectContaining({ name: 'widgets/status' }),
    ]);

    const ns = freshNamespace();
    const created = (await custom.createNamespacedCustomObject({
      ...widgets(ns),
      body: {
        apiVersion: 'example.test/v1',
        kind: 'Widget',
        metadata: { name: 'acme' },
        spec: { tenant: 'acme', unknown: 1 },
      },
    })) as { spec: Record<string, unknown>; metadata: { generation: number } };
    expect(created.spec).toEqual({ tenant: 'acme', size: 3, mode: 'safe', worker: { min: 1, max: 4 } });
    expect(created.metadata.generation).toBe(1);

    const invalid = await failure(
      custom.createNamespacedCustomObject({
        ...widgets(ns),
        body: {
          apiVersion: 'example.test/v1',
          kind: 'Widget',
          metadata: { name: 'bad' },
          spec: { tenant: 'Not_A_Label', size: 11, mode: 'slow' },
        },
      }),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.status.reason).toBe('Invalid');
    expect(invalid.status.message).toBe(
      `Widget.example.test "bad" is invalid: [spec.tenant: Invalid value: "Not_A_Label": spec.tenant in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', ` +
        'spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10, ' +
        'spec.mode: Unsupported value: "slow": supported values: "fast", "safe"]',
    );
    expect(invalid.status.details?.causes?.map((c) => [c.field, c.reason])).toEqual([
      ['spec.tenant', 'FieldValueInvalid'],
      ['spec.size', 'FieldValueInvalid'],
      ['spec.mode', 'FieldValueNotSupported'],
    ]);
    const missing = await failure(
      custom.createNamespacedCustomObject({
        ...widgets(ns),
        body: { apiVersion: 'example.test/v1', kind: 'Widget', metadata: { name: 'empty' }, spec: {} },
      }),
    );
    expect(missing.status.message).toBe(
      'Widget.example.test "empty" is invalid: spec.tenant: Required value',
    );

    const rule = await failure(
      custom.patchNamespacedCustomObject(
        { ...widgets(ns), name: 'acme', body: { spec: { worker: { min: 5, max: 2 } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(rule.status.message).toBe(
      'Widget.example.test "acme" is invalid: spec.worker: Invalid value: "object": worker.max must be at least worker.min',
    );
    const immutable = await failure(
      custom.patchNamespacedCustomObject(
        { ...widgets(ns), name: 'acme', body: { spec: { tenant: 'other' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(immutable.status.message).toBe(
      'Widget.example.test "acme" is invalid: spec.tenant: Invalid value: "string": tenant is immutable',
    );
    const strategic = await failure(
      custom.patchNamespacedCustomObject(
        { ...widgets(ns), name: 'acme', body: { spec: { size: 4 } } },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(strategic.code).toBe(415);
  });

  it('keeps status apart and requires a resourceVersion on update', async () => {
    await apply(widgetCrd, 'installer');
    const ns = freshNamespace();
    const body = {
      apiVersion: 'example.test/v1',
      kind: 'Widget',
      metadata: { name: 's' },
      spec: { tenant: 's' },
      status: { phase: 'x' },
    };
    const created = (await custom.createNamespacedCustomObject({ ...widgets(ns), body })) as Record<
      string,
      unknown
    >;
    expect(created.status).toBeUndefined();
    const status = (await custom.patchNamespacedCustomObjectStatus(
      { ...widgets(ns), name: 's', body: { status: { phase: 'Ready', observedGeneration: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as { status: unknown; metadata: { generation: number } };
    expect(status.status).toEqual({ phase: 'Ready', observedGeneration: 1 });
    expect(status.metadata.generation).toBe(1);
    const { metadata: _m, ...unversioned } = body;
    const noVersion = await failure(
      custom.replaceNamespacedCustomObject({
        ...widgets(ns),
        name: 's',
        body: { ...unversioned, metadata: { name: 's' } },
      }),
    );
    expect(noVersion.status.message).toBe(
      'Widget.example.test "s" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update',
    );
  });

  it('applies custom resources with list-type merging and status applied through /status', async () => {
    await apply(widgetCrd, 'installer');
    const ns = freshNamespace();
    const widget = (spec: Record<string, unknown>) => ({
      apiVersion: 'example.test/v1',
      kind: 'Widget',
      metadata: { name: 'lw', namespace: ns },
      spec,
    });
    await apply(widget({ tenant: 'lw', tags: ['a'], ports: [{ name: 'http', port: 80 }] }), 'one');
    const both = (await apply(
      widget({ tenant: 'lw', tags: ['b'], ports: [{ name: 'grpc', port: 90 }] }),
      'two',
    )) as { spec: Record<string, unknown> };
    expect(both.spec.tags).toEqual(['a', 'b']);
    expect(both.spec.ports).toEqual([
      { name: 'http', port: 80 },
      { name: 'grpc', port: 90 },
    ]);
    const statusApplied = (await custom.patchNamespacedCustomObjectStatus(
      {
        ...widgets(ns),
        name: 'lw',
        body: {
          apiVersion: 'example.test/v1',
          kind: 'Widget',
          metadata: { name: 'lw' },
          status: { phase: 'Up' },
        },
        fieldManager: 'status-writer',
        force: true,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    )) as { status: unknown; metadata: { managedFields: { manager: string; subresource?: string }[] } };
    expect(statusApplied.status).toEqual({ phase: 'Up' });
    expect(statusApplied.metadata.managedFields.find((m) => m.manager === 'status-writer')?.subresource).toBe(
      'status',
    );
  });

  it('serves the repository CRD (all its CEL rules compile) and deletes its resources with it', async () => {
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    const text = readFileSync(
      new URL('../../crds/whatsappintegrations.taskline.io.yaml', import.meta.url),
      'utf8',
    );
    await ext.createCustomResourceDefinition({ body: loadYaml<V1CustomResourceDefinition>(text) });
    const ns = freshNamespace();
    const target = {
      group: 'taskline.io',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'whatsappintegrations',
    };
    const created = (await custom.createNamespacedCustomObject({
      ...target,
      body: {
        apiVersion: 'taskline.io/v1alpha1',
        kind: 'WhatsAppIntegration',
        metadata: { name: 'acme' },
        spec: {
          tenant: 'acme',
          phoneNumberId: '106540352242922',
          credentialsSecretRef: { name: 'acme-whatsapp' },
        },
      },
    })) as { spec: { webhook: { replicas: number }; assistant: { languages: string[] } } };
    expect(created.spec.webhook.replicas).toBe(2);
    expect(created.spec.assistant.languages).toEqual(['en', 'es', 'pt']);
    const bad = await failure(
      custom.patchNamespacedCustomObject(
        { ...target, name: 'acme', body: { spec: { tenant: 'Acme' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(bad.status.message).toContain(
      'WhatsAppIntegration.taskline.io "acme" is invalid: [spec.tenant: Invalid value: "string": tenant must be a DNS label',
    );

    await ext.deleteCustomResourceDefinition({ name: 'whatsappintegrations.taskline.io' });
    await server.settled();
    expect(
      (await failure(ext.readCustomResourceDefinition({ name: 'whatsappintegrations.taskline.io' }))).code,
    ).toBe(404);
    expect(server.object('taskline.io/v1alpha1', 'WhatsAppIntegration', ns, 'acme')).toBeUndefined();
    expect((await failure(custom.listNamespacedCustomObject(target))).code).toBe(404);
  });
});

describe('watch', () => {
  it('replays events after a resourceVersion, then streams live ones, and filters by label transitions', async () => {
    const ns = freshNamespace();
    const first = await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap(ns, 'a', {}, { app: 'x' }),
    });
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'b', {}, { app: 'x' }) });
    await core.patchNamespacedConfigMap(
      { namespace: ns, name: 'a', body: { data: { k: 'v' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const all = await watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rvOf(first)! });
    const selected = await watch(`/api/v1/namespaces/${ns}/configmaps`, { labelSelector: 'app=x' });
    await vi.waitFor(() =>
      expect(all.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual([
        'ADDED b',
        'MODIFIED a',
      ]),
    );
    await vi.waitFor(() =>
      expect(selected.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual([
        'ADDED a',
        'ADDED b',
      ]),
    );
    expect(all.events[0]!.object).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });

    await core.patchNamespacedConfigMap(
      { namespace: ns, name: 'b', body: { metadata: { labels: { app: 'y' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await vi.waitFor(() => expect(all.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED']));
    await vi.waitFor(() =>
      expect(selected.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual([
        'ADDED a',
        'ADDED b',
        'DELETED b',
      ]),
    );
    all.stop();
    selected.stop();
  });

  it('ends a watch from a compacted resourceVersion with a 410 Expired ERROR event', async () => {
    const ns = freshNamespace();
    const old = await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'old') });
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'newer') });
    server.compact();
    const expired = await watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rvOf(old)! });
    await vi.waitFor(() => expect(expired.ended()).toBeNull());
    expect(expired.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${rvOf(old)} (${server.resourceVersion()})`,
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
  });

  it('sends bookmarks and ends at timeoutSeconds', async () => {
    const ns = freshNamespace();
    const stream = await watch(`/api/v1/namespaces/${ns}/configmaps`, {
      allowWatchBookmarks: true,
      timeoutSeconds: 1,
    });
    await vi.waitFor(() => expect(stream.ended()).toBeNull(), { timeout: 3000 });
    expect(stream.events).toEqual([
      {
        type: 'BOOKMARK',
        object: {
          kind: 'ConfigMap',
          apiVersion: 'v1',
          metadata: { resourceVersion: server.resourceVersion() },
        },
      },
    ]);
  });
});

describe('informers', () => {
  /**
   * An informer on a namespace's ConfigMaps whose owner restarts it on error, as operator-notes A2 advises;
   * `gate` holds the restart back until the test is ready.
   */
  async function startInformer(ns: string, gate: () => Promise<void> = () => Promise.resolve()) {
    const informer = makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () =>
      core.listNamespacedConfigMap({ namespace: ns }),
    );
    const names = () =>
      informer
        .list(ns)
        .map((c) => c.metadata?.name)
        .sort();
    let stopping = false;
    let errors = 0;
    informer.on('error', () => {
      if (stopping) return;
      errors++;
      void gate()
        .then(() => new Promise((resolve) => setTimeout(resolve, 20)))
        .then(() => informer.start())
        .catch(() => undefined);
    });
    await informer.start();
    return {
      informer,
      names,
      errors: () => errors,
      stop: async () => {
        stopping = true;
        await informer.stop();
      },
    };
  }

  const lists = (ns: string) =>
    server.requests().filter((r) => r.verb === 'list' && r.namespace === ns).length;

  it('relists after a 410 when its watch resumes from a compacted resourceVersion', async () => {
    const ns = freshNamespace();
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'before') });
    let open = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    const { names, errors, stop } = await startInformer(ns, () => opened);
    await vi.waitFor(() => expect(names()).toEqual(['before']));
    expect(lists(ns)).toBe(1);

    server.breakWatches();
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'during') });
    await core.deleteNamespacedConfigMap({ namespace: ns, name: 'before' });
    server.compact();
    await vi.waitFor(() => expect(errors()).toBe(1));
    open();
    await vi.waitFor(() => expect(names()).toEqual(['during']));
    expect(lists(ns)).toBe(2);

    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'after') });
    await vi.waitFor(() => expect(names()).toEqual(['after', 'during']));
    await stop();
  });

  it('resumes without relisting when a watch ends cleanly and history still covers it', async () => {
    const ns = freshNamespace();
    const { names, stop } = await startInformer(ns);
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'one') });
    await vi.waitFor(() => expect(names()).toEqual(['one']));
    server.endWatches();
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'two') });
    await vi.waitFor(() => expect(names()).toEqual(['one', 'two']), { timeout: 5000 });
    expect(lists(ns)).toBe(1);
    await stop();
  });

  it('recovers from an API server restart on the same port with the same data', async () => {
    const ns = freshNamespace();
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'kept') });
    const { names, errors, stop } = await startInformer(ns);
    await vi.waitFor(() => expect(names()).toEqual(['kept']));
    const port = new URL(server.url).port;
    await server.restart({ downtimeMs: 50 });
    expect(new URL(server.url).port).toBe(port);
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'after-restart') });
    await vi.waitFor(() => expect(names()).toEqual(['after-restart', 'kept']), { timeout: 5000 });
    expect(errors()).toBeGreaterThanOrEqual(1);
    expect((await core.readNamespacedConfigMap({ namespace: ns, name: 'kept' })).metadata?.name).toBe('kept');
    await stop();
  });
});

describe('options and protocol details', () => {
  it('expires watches once the bounded history has moved past their resourceVersion', async () => {
    const small = await startKubeApiServer({ historySize: 3 });
    try {
      const post = (name: string) =>
        fetch(`${small.url}/api/v1/namespaces/h/configmaps`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(configMap('h', name)),
        }).then((r) => r.json() as Promise<V1ConfigMap>);
      const first = await post('a');
      for (const name of ['b', 'c', 'd', 'e']) await post(name);
      const response = await fetch(
        `${small.url}/api/v1/namespaces/h/configmaps?watch=true&resourceVersion=${rvOf(first)}`,
      );
      const line = JSON.parse((await response.text()).trim()) as {
        type: string;
        object: { code: number; reason: string };
      };
      expect(line).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    } finally {
      await small.stop();
    }
  });

  it('leaves dependents alone without the garbage collector, as envtest does', async () => {
    const bare = await startKubeApiServer({ garbageCollect: false });
    try {
      const config = new KubeConfig();
      config.loadFromString(bare.kubeconfig());
      const api = config.makeApiClient(CoreV1Api);
      const owner = await api.createNamespacedConfigMap({
        namespace: 'default',
        body: configMap('default', 'owner'),
      });
      const child = configMap('default', 'child');
      child.metadata!.ownerReferences = [
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! },
      ];
      await api.createNamespacedConfigMap({ namespace: 'default', body: child });
      await api.deleteNamespacedConfigMap({ namespace: 'default', name: 'owner' });
      await bare.settled();
      expect(bare.object('v1', 'ConfigMap', 'default', 'child')).toBeDefined();
    } finally {
      await bare.stop();
    }
  });

  it('rejects a wrong token with 401 and serves the system namespaces', async () => {
    const denied = await fetch(`${server.url}/api/v1/namespaces`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(denied.status).toBe(401);
    const names = (await core.listNamespace()).items.map((n) => n.metadata?.name);
    expect(names).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']),
    );
  });

  it('supports generateName, dry runs, strict field validation, Secret stringData and Service defaults', async () => {
    const ns = freshNamespace();
    const generated = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { generateName: 'job-' }, data: {} },
    });
    expect(generated.metadata?.name).toMatch(/^job-[a-z0-9]{5}$/);
    const dry = await core.createNamespacedConfigMap({
      namespace: ns,
      body: configMap(ns, 'dry'),
      dryRun: 'All',
    });
    expect(dry.metadata?.name).toBe('dry');
    expect(server.object('v1', 'ConfigMap', ns, 'dry')).toBeUndefined();

    await apply(widgetCrd, 'installer');
    const strict = await failure(
      custom.createNamespacedCustomObject({
        group: 'example.test',
        version: 'v1',
        namespace: ns,
        plural: 'widgets',
        fieldValidation: 'Strict',
        body: {
          apiVersion: 'example.test/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
          spec: { tenant: 'w', extra: 1 },
        },
      }),
    );
    expect(strict.status).toMatchObject({
      code: 400,
      message: 'strict decoding error: unknown field "spec.extra"',
    });

    const secret = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'creds' }, stringData: { token: 'abc' } },
    });
    expect(secret.data).toEqual({ token: Buffer.from('abc').toString('base64') });
    expect(secret.type).toBe('Opaque');
    const service = await core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
    });
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(service.spec?.clusterIP).toMatch(/^10\.96\./);
    const portless = await failure(
      core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'none' }, spec: {} } }),
    );
    expect(portless.status.message).toBe('Service "none" is invalid: spec.ports: Required value');
  });

  it('watches one object through the legacy watch path and all namespaces through the cluster path', async () => {
    const ns = freshNamespace();
    const single = await watch(`/api/v1/watch/namespaces/${ns}/configmaps/only`, {});
    const everywhere = await watch('/api/v1/configmaps', { resourceVersion: server.resourceVersion() });
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'other') });
    await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, 'only') });
    await vi.waitFor(() =>
      expect(single.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED only']),
    );
    await vi.waitFor(() =>
      expect(everywhere.events.map((e) => e.object.metadata?.name)).toEqual(['other', 'only']),
    );
    single.stop();
    everywhere.stop();
  });
});
