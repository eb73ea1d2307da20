/**
 * The one source of the WhatsAppIntegration resource (DESIGN.md §4): its OpenAPI v3 schema with defaults and CEL
 * rules. `npm run generate` turns it into the CRD YAML (crds/ and the chart), the TypeScript types
 * (types.generated.ts) and, with ./rbac.ts, the operator's RBAC rules; `make lint` fails when they differ.
 */
export const GROUP = 'taskline.io';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = 'WhatsAppIntegration';
export const PLURAL = 'whatsappintegrations';
export const FINALIZER = 'taskline.io/cleanup';

type Schema = Record<string, unknown>;

const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const HOST = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?[.])+[a-z]([-a-z0-9]*[a-z0-9])?$';

const string = (description: string, extra: Schema = {}): Schema => ({
  type: 'string',
  description,
  ...extra,
});
const integer = (description: string, extra: Schema = {}): Schema => ({
  type: 'integer',
  description,
  ...extra,
});
const rule = (rule: string, message: string) => ({ rule, message });

const resources: Schema = {
  type: 'object',
  description: 'Container resources (requests and limits), as in a Pod spec.',
  properties: {
    requests: { type: 'object', additionalProperties: { type: 'string' } },
    limits: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const secretKeyRef: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: string('Name of a Secret in the resource namespace.', { maxLength: 253 }),
    key: string('Key in the Secret.', { default: 'apiKey', maxLength: 253 }),
  },
};

const spec: Schema = {
  type: 'object',
  required: ['tenant', 'phoneNumberId', 'credentialsSecretRef'],
  properties: {
    tenant: string('Tenant id: a DNS label, immutable.', {
      maxLength: 63,
      'x-kubernetes-validations': [
        rule(`self.matches('${DNS_LABEL}')`, 'tenant must be a DNS label: lower-case letters, digits and -'),
        rule('self == oldSelf', 'tenant is immutable'),
      ],
    }),
    displayName: string('The business name shown in the console.', { maxLength: 200 }),
    phoneNumberId: string("The WhatsApp business number's id in the Cloud API.", {
      maxLength: 32,
      'x-kubernetes-validations': [rule(`self.matches('^[0-9]{5,32}$')`, 'phoneNumberId must be digits')],
    }),
    businessAccountId: string('The WhatsApp Business Account id.', {
      maxLength: 32,
      'x-kubernetes-validations': [rule(`self.matches('^[0-9]{5,32}$')`, 'businessAccountId must be digits')],
    }),
    credentialsSecretRef: {
      type: 'object',
      description: 'Secret holding the keys accessToken, appSecret and verifyToken.',
      required: ['name'],
      properties: { name: string('Name of a Secret in the resource namespace.', { maxLength: 253 }) },
    },
    webhook: {
      type: 'object',
      default: {},
      properties: {
        replicas: integer('Webhook pods (0 to 20).', {
          default: 2,
          'x-kubernetes-validations': [rule('self >= 0 && self <= 20', 'webhook.replicas must be 0 to 20')],
        }),
        resources,
        ingress: {
          type: 'object',
          description: 'Expose the webhook through an Ingress at https://<host>/webhook.',
          required: ['host'],
          properties: {
            host: string('Public host name.', {
              maxLength: 253,
              'x-kubernetes-validations': [
                rule(`self.matches('${HOST}')`, 'ingress.host must be a DNS name'),
              ],
            }),
            className: string('IngressClass name.', { maxLength: 253 }),
            tlsSecretName: string('Secret with the TLS certificate for the host.', { maxLength: 253 }),
            annotations: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
    },
    worker: {
      type: 'object',
      default: {},
      'x-kubernetes-validations': [
        rule('self.maxReplicas >= self.replicas', 'worker.maxReplicas must be at least worker.replicas'),
      ],
      properties: {
        replicas: integer('Minimum worker pods (1 to 100).', {
          default: 1,
          'x-kubernetes-validations': [rule('self >= 1 && self <= 100', 'worker.replicas must be 1 to 100')],
        }),
        maxReplicas: integer('Maximum worker pods when scaling on consumer lag (1 to 100).', {
          default: 10,
          'x-kubernetes-validations': [
            rule('self >= 1 && self <= 100', 'worker.maxReplicas must be 1 to 100'),
          ],
        }),
        concurrency: integer('Messages a worker handles at once (1 to 64).', {
          default: 8,
          'x-kubernetes-validations': [rule('self >= 1 && self <= 64', 'worker.concurrency must be 1 to 64')],
        }),
        lagThreshold: integer('Pending messages per worker pod before scaling out (KEDA).', {
          default: 50,
          'x-kubernetes-validations': [rule('self >= 1', 'worker.lagThreshold must be at least 1')],
        }),
        heapMegabytes: integer(
          'V8 old-space limit of a worker pod in MB (--max-old-space-size, 160 to 8192); a worker holds about 110 MB live at concurrency 16.',
          {
            default: 256,
            'x-kubernetes-validations': [
              rule('self >= 160 && self <= 8192', 'worker.heapMegabytes must be 160 to 8192'),
            ],
          },
        ),
        resources,
      },
    },
    assistant: {
      type: 'object',
      default: {},
      properties: {
        model: string('`local` (the offline model) or a Mastra model id such as openai/gpt-4o-mini.', {
          default: 'local',
          maxLength: 200,
        }),
        baseUrl: string('An OpenAI-compatible endpoint (Ollama, vLLM) for the model.', { maxLength: 2048 }),
        apiKeySecretRef: { ...secretKeyRef, description: 'Secret key holding the model API key.' },
        timezone: string('Default IANA time zone of new users.', { default: 'UTC', maxLength: 64 }),
        languages: {
          type: 'array',
          description: 'Languages the assistant answers in.',
          default: ['en', 'es', 'pt'],
          maxItems: 3,
          'x-kubernetes-list-type': 'set',
          items: { type: 'string', enum: ['en', 'es', 'pt'] },
        },
      },
    },
    messaging: {
      type: 'object',
      default: {},
      properties: {
        ratePerSecond: integer(
          'Messages per second sent from the number (Cloud API throughput, 1 to 1000).',
          {
            default: 80,
            'x-kubernetes-validations': [
              rule('self >= 1 && self <= 1000', 'messaging.ratePerSecond must be 1 to 1000'),
            ],
          },
        ),
        senderPerMinute: integer(
          'Messages one WhatsApp user may send per minute; beyond it they get one polite notice (1 to 600).',
          {
            default: 20,
            'x-kubernetes-validations': [
              rule('self >= 1 && self <= 600', 'messaging.senderPerMinute must be 1 to 600'),
            ],
          },
        ),
        tenantPerMinute: integer(
          'Messages the whole tenant may receive per minute; beyond it senders are told to wait (60 to 600000).',
          {
            default: 6000,
            'x-kubernetes-validations': [
              rule('self >= 60 && self <= 600000', 'messaging.tenantPerMinute must be 60 to 600000'),
            ],
          },
        ),
        unknownNumbers: string('What an unmapped sender gets: a polite refusal, or a new user.', {
          default: 'reject',
          enum: ['reject', 'onboard'],
        }),
        retentionDays: integer('Days data is kept after the resource is deleted (1 to 3650).', {
          default: 90,
          'x-kubernetes-validations': [
            rule('self >= 1 && self <= 3650', 'messaging.retentionDays must be 1 to 3650'),
          ],
        }),
      },
    },
    suspend: { type: 'boolean', description: 'Scale the tenant to zero, keeping its data.', default: false },
  },
};

const condition: Schema = {
  type: 'object',
  required: ['type', 'status', 'reason', 'lastTransitionTime'],
  properties: {
    type: string('Ready, CredentialsValid, StreamReady, WebhookAvailable or WorkerAvailable.', {
      maxLength: 316,
    }),
    status: string('True, False or Unknown.', { enum: ['True', 'False', 'Unknown'] }),
    reason: string('CamelCase reason.', { maxLength: 1024 }),
    message: string('Human-readable detail.', { maxLength: 32768 }),
    lastTransitionTime: string('When the status last changed.', { format: 'date-time' }),
    observedGeneration: integer('The generation this condition was computed from.', { format: 'int64' }),
  },
};

const status: Schema = {
  type: 'object',
  properties: {
    observedGeneration: integer('The generation the operator last reconciled.', { format: 'int64' }),
    conditions: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['type'],
      items: condition,
    },
    webhookUrl: string('Where Meta must deliver webhooks for this number.'),
    stream: string('The JetStream stream of the tenant.'),
    tenantId: string('The tenant row id in PostgreSQL.'),
  },
};

export const schemas = { spec, status };

/** The CustomResourceDefinition object. */
export function customResourceDefinition() {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${PLURAL}.${GROUP}` },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: {
        plural: PLURAL,
        singular: 'whatsappintegration',
        kind: KIND,
        listKind: `${KIND}List`,
        shortNames: ['wai'],
        categories: ['taskline'],
      },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Tenant', type: 'string', jsonPath: '.spec.tenant' },
            { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
            {
              name: 'Reason',
              type: 'string',
              priority: 1,
              jsonPath: '.status.conditions[?(@.type=="Ready")].reason',
            },
            { name: 'Suspended', type: 'boolean', priority: 1, jsonPath: '.spec.suspend' },
            { name: 'Webhook URL', type: 'string', jsonPath: '.status.webhookUrl' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: "A tenant's WhatsApp task assistant: its number, credentials and workloads.",
              required: ['spec'],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec,
                status,
              },
            },
          },
        },
      ],
    },
  };
}
