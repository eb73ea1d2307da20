import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { ConsumerConfig, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/**
 * Subjects, stream and consumer configuration of one tenant (DESIGN.md §5), defined once and used by every
 * publisher and consumer. NATS 2.9 allows one filter subject per consumer, so inbound messages and delivery
 * statuses have a consumer each (`worker`, `status`), the sender has `sender`, and the webhook's security reports
 * (signature failures, summed per window) have `security`.
 */
export const subjects = (tenant: string) => {
  const root = `taskline.${tenant}`;
  return {
    all: `${root}.>`,
    inbound: `${root}.inbound`,
    status: `${root}.status`,
    outbound: `${root}.outbound`,
    dlq: `${root}.dlq`,
    security: `${root}.security`,
  } as const;
};

export const streamName = (tenant: string): string => `TASKLINE_${tenant.toUpperCase().replaceAll('-', '_')}`;

export const CONSUMERS = {
  worker: 'worker',
  status: 'status',
  sender: 'sender',
  security: 'security',
} as const;
export type ConsumerName = (typeof CONSUMERS)[keyof typeof CONSUMERS];

export interface StreamOptions {
  replicas?: number;
  maxAgeDays?: number;
}

const DUPLICATE_WINDOW_MS = 10 * 60_000;

export function streamConfig(
  tenant: string,
  options: StreamOptions = {},
): Partial<StreamConfig> & { name: string } {
  return {
    name: streamName(tenant),
    subjects: [subjects(tenant).all],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos((options.maxAgeDays ?? 7) * 24 * 3600_000),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: options.replicas ?? 1,
  };
}

/**
 * How long a consumer waits for an ack before redelivering, and how often it tries before the DLQ. Short, so the
 * messages of a crashed worker come back quickly; workers keep slow messages alive with `working()` heartbeats.
 */
export const ACK_WAIT_MS = 10_000;
export const MAX_DELIVER = 8;

export function consumerConfig(
  tenant: string,
  name: ConsumerName,
): Partial<ConsumerConfig> & { durable_name: string } {
  const s = subjects(tenant);
  const filter = { worker: s.inbound, status: s.status, sender: s.outbound, security: s.security }[name];
  return {
    durable_name: name,
    filter_subject: filter,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ACK_WAIT_MS),
    max_deliver: MAX_DELIVER,
    max_ack_pending: 1000,
  };
}

/** Redelivery delay for the n-th delivery (1-based): 1 s, 2 s, 4 s ... capped at 60 s. */
export function backoffMs(deliveryCount: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, deliveryCount - 1));
}
