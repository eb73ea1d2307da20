import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';

/** What the webhook needs from JetStream: publish with a dedup id and wait for the PubAck. */
export interface Publisher {
  /** `trace` holds W3C trace headers to carry to the consumer. */
  publish(
    subject: string,
    data: string,
    msgId: string,
    trace?: Record<string, string>,
  ): Promise<{ duplicate: boolean }>;
}

/** The real publisher: JetStream with `Nats-Msg-Id` and a bounded wait for the PubAck. */
export function jetStreamPublisher(js: JetStreamClient, timeoutMs = 5000): Publisher {
  return {
    async publish(subject, data, msgId, trace = {}) {
      const hdrs = headers();
      for (const [key, value] of Object.entries(trace)) hdrs.set(key, value);
      const ack = await js.publish(subject, data, { msgID: msgId, timeout: timeoutMs, headers: hdrs });
      return { duplicate: ack.duplicate };
    },
  };
}
