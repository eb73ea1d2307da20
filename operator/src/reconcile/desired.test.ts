import { describe, expect, it } from 'vitest';
import { checkCredentials } from './credentials.ts';
import { desiredChildren, webhookUrl } from './desired.ts';
import type { WhatsAppIntegration } from './integration.ts';
import { resolveSpec } from './spec-defaults.ts';
import { isSubset, sameValue } from './subset.ts';

const integration = (spec: Partial<WhatsAppIntegration['spec']> = {}): WhatsAppIntegration => ({
  apiVersion: 'taskline.io/v1alpha1',
  kind: 'WhatsAppIntegration',
  metadata: { name: 'acme', namespace: 'tenants', uid: 'uid-1', generation: 1 },
  spec: {
    tenant: 'acme',
    phoneNumberId: '106540352242922',
    credentialsSecretRef: { name: 'acme-wa' },
    ...spec,
  },
});
const settings = {
  image: 'taskline:test',
  natsUrl: 'nats://nats.nats:4222',
  natsMonitorUrl: 'http://nats.nats:8222',
  databaseSecret: 'taskline-database',
  databasePort: 5432,
  whatsappApiUrl: 'https://graph.facebook.com/v24.0',
};
const observed = { credentialsHash: 'abc', kedaAvailable: false, workerReplicas: undefined };
const kinds = (children: { kind?: string; metadata?: { name?: string } }[]) =>
  children.map((c) => `${c.kind}/${c.metadata?.name}`).sort();

describe('desiredChildren', () => {
  it('builds every child with owner references and the tenant labels', () => {
    const resource = integration();
    const children = desiredChildren(resource, resolveSpec(resource.spec), settings, observed);
    expect(kinds(children)).toEqual([
      'ConfigMap/acme-config',
      'Deployment/acme-webhook',
      'Deployment/acme-worker',
      'HorizontalPodAutoscaler/acme-worker',
      'NetworkPolicy/acme-webhook',
      'NetworkPolicy/acme-worker',
      'PodDisruptionBudget/acme-webhook',
      'PodDisruptionBudget/acme-worker',
      'Service/acme-webhook',
      'ServiceAccount/acme',
    ]);
    for (const child of children) {
      expect(child.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: 'WhatsAppIntegration',
        uid: 'uid-1',
        controller: true,
      });
      expect(child.metadata?.labels?.['taskline.io/tenant']).toBe('acme');
      expect(child.metadata?.labels?.['app.kubernetes.io/managed-by']).toBe('taskline-operator');
    }
  });

  it('references Secrets and never copies them into the ConfigMap', () => {
    const resource = integration();
    const children = desiredChildren(resource, resolveSpec(resource.spec), settings, observed);
    const config = children.find((c) => c.kind === 'ConfigMap') as { data: Record<string, string> };
    expect(config.data).toEqual({
      TENANT: 'acme',
      NATS_URL: 'nats://nats.nats:4222',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_API_URL: 'https://graph.facebook.com/v24.0',
      WORKER_CONCURRENCY: '8',
      WHATSAPP_SEND_RATE: '80',
      SENDER_MESSAGES_PER_MINUTE: '20',
      TENANT_MESSAGES_PER_MINUTE: '6000',
    });
    const webhook = JSON.stringify(
      children.find((c) => c.metadata?.name === 'acme-webhook' && c.kind === 'Deployment'),
    );
    expect(webhook).toContain('"secretKeyRef":{"name":"acme-wa","key":"appSecret"}');
    expect(webhook).toContain('"taskline.io/credentials-hash":"abc"');
  });

  it("bounds the worker's V8 heap, 256 MB unless the resource says otherwise", () => {
    const nodeOptions = (resource: WhatsAppIntegration) => {
      const children = desiredChildren(resource, resolveSpec(resource.spec), settings, observed);
      const worker = children.find((c) => c.metadata?.name === 'acme-worker' && c.kind === 'Deployment') as {
        spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } };
      };
      return worker.spec.template.spec.containers[0]!.env.find((e) => e.name === 'NODE_OPTIONS')?.value;
    };
    expect(nodeOptions(integration())).toBe('--max-semi-space-size=16 --max-old-space-size=256');
    expect(nodeOptions(integration({ worker: { heapMegabytes: 1024 } }))).toBe(
      '--max-semi-space-size=16 --max-old-space-size=1024',
    );
  });

  it('switches to a KEDA ScaledObject on consumer lag when KEDA is there, and leaves replicas to it', () => {
    const resource = integration({ worker: { replicas: 2, maxReplicas: 6, lagThreshold: 30 } });
    const spec = resolveSpec(resource.spec);
    const children = desiredChildren(resource, spec, settings, {
      ...observed,
      kedaAvailable: true,
      workerReplicas: 3,
    });
    const scaled = children.find((c) => c.kind === 'ScaledObject') as { spec: Record<string, unknown> };
    expect(scaled.spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 6, fallback: { replicas: 2 } });
    expect(JSON.stringify(scaled.spec)).toContain(
      '"stream":"TASKLINE_ACME","consumer":"worker","lagThreshold":"30"',
    );
    expect(children.some((c) => c.kind === 'HorizontalPodAutoscaler')).toBe(false);
    const worker = children.find((c) => c.metadata?.name === 'acme-worker' && c.kind === 'Deployment') as {
      spec: { replicas?: number };
    };
    expect(worker.spec.replicas).toBeUndefined();
  });

  it('scales to zero without autoscalers when suspended', () => {
    const resource = integration({ suspend: true });
    const children = desiredChildren(resource, resolveSpec(resource.spec), settings, {
      ...observed,
      workerReplicas: 2,
    });
    const replicas = children
      .filter((c) => c.kind === 'Deployment')
      .map((c) => (c.spec as { replicas: number }).replicas);
    expect(replicas).toEqual([0, 0]);
    expect(children.some((c) => c.kind === 'HorizontalPodAutoscaler' || c.kind === 'ScaledObject')).toBe(
      false,
    );
  });

  it('adds an Ingress and a public webhook URL when a host is set', () => {
    const resource = integration({
      webhook: { ingress: { host: 'wa.acme.example', className: 'nginx', tlsSecretName: 'acme-tls' } },
    });
    const spec = resolveSpec(resource.spec);
    const ingress = desiredChildren(resource, spec, settings, observed).find((c) => c.kind === 'Ingress');
    expect(JSON.stringify(ingress)).toContain(
      '"tls":[{"hosts":["wa.acme.example"],"secretName":"acme-tls"}]',
    );
    expect(webhookUrl(resource, spec)).toBe('https://wa.acme.example/webhook');
    expect(webhookUrl(integration(), resolveSpec(integration().spec))).toBe(
      'http://acme-webhook.tenants.svc.cluster.local/webhook',
    );
  });
});

describe('checkCredentials', () => {
  const secret = (data: Record<string, string>) => ({
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  });
  const spec = resolveSpec(integration().spec);

  it('names the missing Secret', () => {
    expect(checkCredentials(spec, () => undefined).condition).toMatchObject({
      status: 'False',
      reason: 'SecretNotFound',
      message: 'Secret "acme-wa" not found in the resource namespace',
    });
  });

  it('names each missing key', () => {
    const result = checkCredentials(spec, () => secret({ accessToken: 't' }));
    expect(result.condition.reason).toBe('SecretKeyMissing');
    expect(result.condition.message).toContain('Secret "acme-wa" has no key "appSecret"');
    expect(result.condition.message).toContain('"verifyToken"');
  });

  it('hashes the values so a rotation changes the hash', () => {
    const a = checkCredentials(spec, () =>
      secret({ accessToken: 't1', appSecret: 'secret-123', verifyToken: 'v' }),
    );
    const b = checkCredentials(spec, () =>
      secret({ accessToken: 't2', appSecret: 'secret-123', verifyToken: 'v' }),
    );
    expect(a.condition.status).toBe('True');
    expect(a.hash).not.toBe(b.hash);
    expect(a.hash).not.toContain('t1');
  });
});

describe('isSubset', () => {
  it('treats server-added fields as equal and changed values as different', () => {
    expect(isSubset({ a: 1, b: [{ c: 'x' }] }, { a: 1, z: 2, b: [{ c: 'x', d: 'default' }] })).toBe(true);
    expect(isSubset({ a: 1, b: [{ c: 'x' }] }, { a: 1, b: [{ c: 'y' }] })).toBe(false);
    expect(isSubset({ b: [1] }, { b: [1, 2] })).toBe(false);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});
