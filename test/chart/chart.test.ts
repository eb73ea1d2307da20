import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The Helm chart: `helm lint --strict`, then `helm template` with the default and the full values, every rendered
 * object validated against the Kubernetes OpenAPI schemas (kubernetes-models, and the Prometheus operator's for
 * ServiceMonitor/PrometheusRule), and the security rules every container must follow.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const chart = `${root}charts/taskline`;
type Doc = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };

let helm: string;
beforeAll(() => {
  helm = execFileSync(`${root}scripts/helm.sh`, { encoding: 'utf8', timeout: 120_000 }).trim();
}, 180_000);

const render = (...args: string[]): Doc[] =>
  parseAllDocuments(
    execFileSync(
      helm,
      ['template', 'taskline', chart, '--namespace', 'taskline', '--include-crds', ...args],
      {
        encoding: 'utf8',
      },
    ),
  )
    .map((doc) => doc.toJS() as Doc | null)
    .filter((doc): doc is Doc => doc !== null);

async function validate(doc: Doc): Promise<void> {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const module =
    group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${group}/${version}/${doc.kind}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`;
  const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[doc.kind]!;
  new Model(doc).validate();
}

const POD_KINDS = ['Deployment', 'Job'];

function containers(doc: Doc): { name: string; securityContext?: Record<string, unknown> }[] {
  const spec = (doc.spec as { template?: { spec?: { containers?: [] } } } | undefined)?.template?.spec;
  return spec?.containers ?? [];
}

describe('charts/taskline', () => {
  it('passes helm lint --strict', () => {
    const out = execFileSync(
      helm,
      ['lint', '--strict', chart, '--set', 'postgres.url=postgres://u@db/taskline'],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toContain('0 chart(s) failed');
  });

  for (const [label, args] of [
    ['default values', ['--set', 'postgres.url=postgres://taskline@postgres.taskline.svc:5432/taskline']],
    [
      'full values',
      ['-f', `${root}test/chart/full-values.yaml`, '--api-versions', 'monitoring.coreos.com/v1'],
    ],
  ] as const) {
    it(`renders valid Kubernetes objects with ${label}`, async () => {
      const docs = render(...args);
      expect(docs.length).toBeGreaterThan(8);
      for (const doc of docs) await validate(doc);
      const kinds = docs.map((d) => d.kind);
      expect(kinds).toContain('CustomResourceDefinition');
      expect(kinds.filter((k) => k === 'Deployment')).toHaveLength(2);
      expect(kinds).toContain('Job');
      for (const doc of docs.filter((d) => POD_KINDS.includes(d.kind))) {
        const pod = (doc.spec as { template: { spec: { securityContext: Record<string, unknown> } } })
          .template.spec;
        expect(pod.securityContext).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        for (const container of containers(doc)) {
          expect(container.securityContext, `${doc.metadata.name}/${container.name}`).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
        }
      }
      const role = docs.find((d) => d.kind === 'ClusterRole') as Doc & { rules: { resources: string[] }[] };
      expect(role.rules.flatMap((r) => r.resources)).toContain('whatsappintegrations/status');
    });
  }

  it('renders monitoring and the api Ingress only when asked', () => {
    const plain = render('--set', 'postgres.url=postgres://u@db/t').map((d) => d.kind);
    expect(plain).not.toContain('ServiceMonitor');
    expect(plain).not.toContain('Ingress');
    const full = render(
      '-f',
      `${root}test/chart/full-values.yaml`,
      '--api-versions',
      'monitoring.coreos.com/v1',
    );
    expect(full.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['ServiceMonitor', 'PrometheusRule', 'Ingress']),
    );
    expect(JSON.stringify(full.find((d) => d.kind === 'Deployment'))).toContain('"key":"connection-url"');
  });

  it('keeps a message encryption key in the database Secret and gives it to the api', () => {
    const docs = render('--set', 'postgres.url=postgres://u@db/t');
    const secret = docs.find(
      (d) => d.kind === 'Secret' && d.metadata.name === 'taskline-database',
    ) as unknown as {
      stringData: Record<string, string>;
    };
    expect(secret.stringData.encryptionKeys).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);
    const given = 'k2:' + Buffer.alloc(32, 7).toString('base64');
    const chosen = render(
      '--set',
      'postgres.url=postgres://u@db/t',
      '--set',
      `postgres.encryptionKeys=${given}`,
    );
    expect(JSON.stringify(chosen.find((d) => d.kind === 'Secret'))).toContain(given);
    const api = JSON.stringify(docs.find((d) => d.kind === 'Deployment' && d.metadata.name.includes('api')));
    expect(api).toContain('"name":"TASKLINE_ENCRYPTION_KEYS"');
    expect(() =>
      render('--set', 'postgres.url=postgres://u@db/t', '--set', 'postgres.encryptionKeys=short'),
    ).toThrow();
  });

  it('rejects invalid values with the schema', () => {
    let message = '';
    try {
      execFileSync(helm, ['template', 't', chart, '--set', 'nats.url=http://wrong'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      message = String((error as { stderr: string }).stderr);
    }
    expect(message).toMatch(/nats.*url/i);
  });
});
