import { createHash } from 'node:crypto';
import { streamName } from '@taskline/core/base';
import type { KubeObject } from '../kube/client.ts';
import { CHILD_KINDS } from '../resource/kinds.ts';
import { API_VERSION, KIND } from '../resource/schema.ts';
import type { WhatsAppIntegration } from './integration.ts';
import type { ResolvedSpec } from './spec-defaults.ts';

/**
 * The children one WhatsAppIntegration should have, as pure data: a function of the resource, the operator's
 * settings and what was observed (Secret hash, KEDA present, worker replicas). Each child is a full
 * server-side-apply intent of the fields we own; anything left out is not ours.
 */
export interface WorkloadSettings {
  image: string;
  natsUrl: string;
  natsMonitorUrl: string;
  databaseSecret: string;
  databasePort: number;
  whatsappApiUrl: string;
}

export interface Observed {
  /** sha256 of the credentials the pods read; a new value rolls the pods. */
  credentialsHash: string;
  kedaAvailable: boolean;
  /** The worker Deployment's current replicas, when it exists. */
  workerReplicas: number | undefined;
}

export const WEBHOOK_PORT = 8080;
export const WORKER_METRICS_PORT = 8082;
const NATS_DEFAULT_PORT = 4222;

export const childNames = (name: string) => ({
  serviceAccount: name,
  config: `${name}-config`,
  webhook: `${name}-webhook`,
  worker: `${name}-worker`,
});

export function labels(integration: WhatsAppIntegration, component?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'taskline',
    'app.kubernetes.io/instance': integration.metadata.name,
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'app.kubernetes.io/managed-by': 'taskline-operator',
    'taskline.io/tenant': integration.spec.tenant,
  };
}

const selector = (integration: WhatsAppIntegration, component: string) => ({
  'app.kubernetes.io/instance': integration.metadata.name,
  'app.kubernetes.io/component': component,
});

export function webhookUrl(integration: WhatsAppIntegration, spec: ResolvedSpec): string {
  const host = spec.webhook.ingress?.host;
  if (host) return `https://${host}/webhook`;
  const { name, namespace } = integration.metadata;
  return `http://${childNames(name).webhook}.${namespace}.svc.cluster.local/webhook`;
}

export function desiredChildren(
  integration: WhatsAppIntegration,
  spec: ResolvedSpec,
  settings: WorkloadSettings,
  observed: Observed,
): KubeObject[] {
  const { name, namespace } = integration.metadata;
  const names = childNames(name);
  const meta = (childName: string, component?: string, extra: Record<string, unknown> = {}) => ({
    name: childName,
    namespace,
    labels: labels(integration, component),
    ownerReferences: [
      {
        apiVersion: API_VERSION,
        kind: KIND,
        name,
        uid: integration.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    ...extra,
  });
  const object = (kind: keyof typeof CHILD_KINDS, metadata: object, body: object): KubeObject => ({
    apiVersion: CHILD_KINDS[kind].apiVersion,
    kind: CHILD_KINDS[kind].kind,
    metadata,
    ...body,
  });

  const config = configData(spec, settings);
  const configHash = hash(JSON.stringify(config));
  const autoscaled = !spec.suspend;
  const podAnnotations = {
    'taskline.io/config-hash': configHash,
    'taskline.io/credentials-hash': observed.credentialsHash,
  };

  const children: KubeObject[] = [
    object('serviceAccount', meta(names.serviceAccount), { automountServiceAccountToken: false }),
    object('configMap', meta(names.config, 'config'), { data: config }),
    object('deployment', meta(names.webhook, 'webhook'), {
      spec: {
        replicas: spec.suspend ? 0 : spec.webhook.replicas,
        selector: { matchLabels: selector(integration, 'webhook') },
        template: podTemplate(integration, 'webhook', names, podAnnotations, {
          args: ['webhook'],
          ports: [{ name: 'http', containerPort: WEBHOOK_PORT, protocol: 'TCP' }],
          probePort: WEBHOOK_PORT,
          resources: spec.webhook.resources,
          env: [
            secretEnv('WHATSAPP_APP_SECRET', spec.credentialsSecretRef.name, 'appSecret'),
            secretEnv('WHATSAPP_VERIFY_TOKEN', spec.credentialsSecretRef.name, 'verifyToken'),
          ],
          image: settings.image,
        }),
      },
    }),
    object('service', meta(names.webhook, 'webhook'), {
      spec: {
        type: 'ClusterIP',
        selector: selector(integration, 'webhook'),
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    }),
    object('deployment', meta(names.worker, 'worker'), {
      spec: {
        // With an autoscaler the replicas are its field; we set them only to bring the worker back from zero.
        ...(autoscaled && observed.workerReplicas
          ? {}
          : { replicas: spec.suspend ? 0 : spec.worker.replicas }),
        selector: { matchLabels: selector(integration, 'worker') },
        template: podTemplate(integration, 'worker', names, podAnnotations, {
          args: ['worker'],
          ports: [{ name: 'metrics', containerPort: WORKER_METRICS_PORT, protocol: 'TCP' }],
          probePort: WORKER_METRICS_PORT,
          resources: spec.worker.resources,
          env: [
            // Without a limit V8 lets the heap grow to a fraction of the node's memory before it collects much:
            // the worker's RSS doubled under load with ~110 MB live (docs/performance.md, memory per role).
            {
              name: 'NODE_OPTIONS',
              value: `--max-semi-space-size=16 --max-old-space-size=${spec.worker.heapMegabytes}`,
            },
            secretEnv('WHATSAPP_ACCESS_TOKEN', spec.credentialsSecretRef.name, 'accessToken'),
            secretEnv('DATABASE_URL', settings.databaseSecret, 'url'),
            // Encryption of message bodies at rest; the Secret may not have it (the worker then warns and stores plain).
            secretEnv('TASKLINE_ENCRYPTION_KEYS', settings.databaseSecret, 'encryptionKeys', true),
            ...(spec.assistant.apiKeySecretRef
              ? [
                  secretEnv(
                    'LLM_API_KEY',
                    spec.assistant.apiKeySecretRef.name,
                    spec.assistant.apiKeySecretRef.key,
                  ),
                ]
              : []),
          ],
          image: settings.image,
        }),
      },
    }),
    ...(['webhook', 'worker'] as const).map((component) =>
      object('podDisruptionBudget', meta(`${name}-${component}`, component), {
        spec: { maxUnavailable: 1, selector: { matchLabels: selector(integration, component) } },
      }),
    ),
    object('networkPolicy', meta(names.webhook, 'webhook'), {
      spec: {
        podSelector: { matchLabels: selector(integration, 'webhook') },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ protocol: 'TCP', port: WEBHOOK_PORT }] }],
      },
    }),
    object('networkPolicy', meta(names.worker, 'worker'), {
      spec: {
        podSelector: { matchLabels: selector(integration, 'worker') },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ ports: [{ protocol: 'TCP', port: WORKER_METRICS_PORT }] }],
        egress: [
          {
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          { ports: [{ protocol: 'TCP', port: natsPort(settings.natsUrl) }] },
          { ports: [{ protocol: 'TCP', port: settings.databasePort }] },
          { ports: [{ protocol: 'TCP', port: 443 }] },
        ],
      },
    }),
  ];

  const ingress = spec.webhook.ingress;
  if (ingress) {
    children.push(
      object(
        'ingress',
        meta(names.webhook, 'webhook', ingress.annotations ? { annotations: ingress.annotations } : {}),
        {
          spec: {
            ...(ingress.className ? { ingressClassName: ingress.className } : {}),
            ...(ingress.tlsSecretName
              ? { tls: [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] }
              : {}),
            rules: [
              {
                host: ingress.host,
                http: {
                  paths: [
                    {
                      path: '/webhook',
                      pathType: 'Prefix',
                      backend: { service: { name: names.webhook, port: { name: 'http' } } },
                    },
                  ],
                },
              },
            ],
          },
        },
      ),
    );
  }

  if (autoscaled && observed.kedaAvailable) {
    children.push(
      object('scaledObject', meta(names.worker, 'worker'), {
        spec: {
          scaleTargetRef: { name: names.worker },
          minReplicaCount: spec.worker.replicas,
          maxReplicaCount: spec.worker.maxReplicas,
          pollingInterval: 15,
          cooldownPeriod: 300,
          // A missing or unreadable consumer must not scale to the maximum (KEDA #7657).
          fallback: { failureThreshold: 3, replicas: spec.worker.replicas },
          triggers: [
            {
              type: 'nats-jetstream',
              metadata: {
                natsServerMonitoringEndpoint: new URL(settings.natsMonitorUrl).host,
                useHttps: String(settings.natsMonitorUrl.startsWith('https:')),
                account: '$G',
                stream: streamName(spec.tenant),
                consumer: 'worker',
                lagThreshold: String(spec.worker.lagThreshold),
              },
            },
          ],
        },
      }),
    );
  } else if (autoscaled) {
    children.push(
      object('horizontalPodAutoscaler', meta(names.worker, 'worker'), {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: names.worker },
          minReplicas: spec.worker.replicas,
          maxReplicas: spec.worker.maxReplicas,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
            },
          ],
        },
      }),
    );
  }
  return children;
}

function configData(spec: ResolvedSpec, settings: WorkloadSettings): Record<string, string> {
  return {
    TENANT: spec.tenant,
    NATS_URL: settings.natsUrl,
    WHATSAPP_PHONE_NUMBER_ID: spec.phoneNumberId,
    WHATSAPP_API_URL: settings.whatsappApiUrl,
    WORKER_CONCURRENCY: String(spec.worker.concurrency),
    WHATSAPP_SEND_RATE: String(spec.messaging.ratePerSecond),
    SENDER_MESSAGES_PER_MINUTE: String(spec.messaging.senderPerMinute),
    TENANT_MESSAGES_PER_MINUTE: String(spec.messaging.tenantPerMinute),
    ...(spec.assistant.model !== 'local' ? { LLM_MODEL: spec.assistant.model } : {}),
    ...(spec.assistant.baseUrl ? { LLM_BASE_URL: spec.assistant.baseUrl } : {}),
  };
}

interface ContainerInput {
  args: string[];
  ports: object[];
  probePort: number;
  resources: object | undefined;
  env: object[];
  image: string;
}

function podTemplate(
  integration: WhatsAppIntegration,
  component: string,
  names: ReturnType<typeof childNames>,
  annotations: Record<string, string>,
  container: ContainerInput,
) {
  return {
    metadata: { labels: labels(integration, component), annotations },
    spec: {
      serviceAccountName: names.serviceAccount,
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: component,
          image: container.image,
          args: container.args,
          ports: container.ports,
          envFrom: [{ configMapRef: { name: names.config } }],
          env: container.env,
          ...(container.resources && Object.keys(container.resources).length > 0
            ? { resources: container.resources }
            : {}),
          readinessProbe: { httpGet: { path: '/readyz', port: container.probePort }, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: '/healthz', port: container.probePort }, periodSeconds: 10 },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
}

const secretEnv = (name: string, secret: string, key: string, optional?: boolean) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional } : {}) } },
});

function natsPort(url: string): number {
  const port = new URL(url).port;
  return port ? Number(port) : NATS_DEFAULT_PORT;
}

export const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
