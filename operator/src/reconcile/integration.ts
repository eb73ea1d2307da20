import type { WhatsAppIntegrationSpec, WhatsAppIntegrationStatus } from '../resource/types.generated.ts';

/** A WhatsAppIntegration as read from the API server. */
export interface WhatsAppIntegration {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    generation?: number;
    resourceVersion?: string;
    deletionTimestamp?: string;
    finalizers?: string[];
    labels?: Record<string, string>;
  };
  spec: WhatsAppIntegrationSpec;
  status?: WhatsAppIntegrationStatus;
}

export type Condition = NonNullable<WhatsAppIntegrationStatus['conditions']>[number];

export const integrationKey = (namespace: string, name: string) => `${namespace}/${name}`;
