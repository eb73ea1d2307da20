import type { WhatsAppIntegrationSpec } from '../resource/types.generated.ts';

type Spec = WhatsAppIntegrationSpec;

/** The spec with every schema default filled in (the API server does this too; we do not rely on it). */
export interface ResolvedSpec {
  tenant: string;
  displayName: string;
  phoneNumberId: string;
  businessAccountId?: string;
  credentialsSecretRef: { name: string };
  webhook: Required<Pick<NonNullable<Spec['webhook']>, 'replicas'>> & NonNullable<Spec['webhook']>;
  worker: Required<
    Pick<
      NonNullable<Spec['worker']>,
      'replicas' | 'maxReplicas' | 'concurrency' | 'lagThreshold' | 'heapMegabytes'
    >
  > &
    NonNullable<Spec['worker']>;
  assistant: {
    model: string;
    baseUrl?: string;
    apiKeySecretRef?: { name: string; key: string };
    timezone: string;
    languages: ('en' | 'es' | 'pt')[];
  };
  messaging: {
    ratePerSecond: number;
    senderPerMinute: number;
    tenantPerMinute: number;
    unknownNumbers: 'reject' | 'onboard';
    retentionDays: number;
  };
  suspend: boolean;
}

export function resolveSpec(spec: Spec): ResolvedSpec {
  const { webhook = {}, worker = {}, assistant = {}, messaging = {} } = spec;
  return {
    tenant: spec.tenant,
    displayName: spec.displayName ?? spec.tenant,
    phoneNumberId: spec.phoneNumberId,
    ...(spec.businessAccountId ? { businessAccountId: spec.businessAccountId } : {}),
    credentialsSecretRef: spec.credentialsSecretRef,
    webhook: { ...webhook, replicas: webhook.replicas ?? 2 },
    worker: {
      ...worker,
      replicas: worker.replicas ?? 1,
      maxReplicas: worker.maxReplicas ?? 10,
      concurrency: worker.concurrency ?? 8,
      lagThreshold: worker.lagThreshold ?? 50,
      heapMegabytes: worker.heapMegabytes ?? 256,
    },
    assistant: {
      model: assistant.model ?? 'local',
      ...(assistant.baseUrl ? { baseUrl: assistant.baseUrl } : {}),
      ...(assistant.apiKeySecretRef
        ? {
            apiKeySecretRef: {
              name: assistant.apiKeySecretRef.name,
              key: assistant.apiKeySecretRef.key ?? 'apiKey',
            },
          }
        : {}),
      timezone: assistant.timezone ?? 'UTC',
      languages: assistant.languages ?? ['en', 'es', 'pt'],
    },
    messaging: {
      ratePerSecond: messaging.ratePerSecond ?? 80,
      senderPerMinute: messaging.senderPerMinute ?? 20,
      tenantPerMinute: messaging.tenantPerMinute ?? 6000,
      unknownNumbers: messaging.unknownNumbers ?? 'reject',
      retentionDays: messaging.retentionDays ?? 90,
    },
    suspend: spec.suspend ?? false,
  };
}
