import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/client.ts';
import { ObjectStore } from './object-store.ts';

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'acme-worker',
    namespace: 'tenants',
    resourceVersion: '42',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"a copy":"of everything"}',
      'taskline.io/config-hash': 'abc',
    },
    managedFields: [{ manager: 'taskline-operator', operation: 'Apply' }],
  },
  spec: { replicas: 2 },
});

describe('ObjectStore', () => {
  it('keeps what the operator reads and drops managedFields and kubectl’s last-applied copy', () => {
    const store = new ObjectStore();
    store.set('tenants/acme-worker', deployment());
    const cached = store.get('tenants/acme-worker')!;
    expect(cached.metadata).toEqual({
      name: 'acme-worker',
      namespace: 'tenants',
      resourceVersion: '42',
      annotations: { 'taskline.io/config-hash': 'abc' },
    });
    expect(cached.spec).toEqual({ replicas: 2 });
    expect(store.version('tenants/acme-worker')).toBe('42');
    expect([...store.keys()]).toEqual(['tenants/acme-worker']);
  });

  it('answers undefined for what it does not hold, and forgets on delete', () => {
    const store = new ObjectStore();
    store.set('tenants/acme-worker', deployment());
    expect(store.get('tenants/other')).toBeUndefined();
    expect(store.delete('tenants/acme-worker')).toBe(true);
    expect(store.size).toBe(0);
  });
});

it('gives every reader its own copy: a reader cannot change the cache', () => {
  const store = new ObjectStore();
  store.set('tenants/acme-worker', deployment());
  (store.get('tenants/acme-worker')!.spec as { replicas: number }).replicas = 9;
  expect(store.get('tenants/acme-worker')!.spec).toEqual({ replicas: 2 });
});
