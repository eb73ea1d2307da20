import type { JetStreamClient } from '@nats-io/jetstream';

/** What the webhook needs from JetStream: publish with a dedup id and wait for the PubAck. */
export interface Publisher {
  publish(subject: string, data: string, msgId: string): Promise<{ duplicate: boolean }>;
}

/** The real publisher: JetStream with `Nats-Msg-Id` and a bounded wait for the PubAck. */
export function jetStreamPublisher(js: JetStreamClient, timeoutMs = 5000): Publisher {
  return {
    async publish(subject, data, msgId) {
      const ack = await js.publish(subject, data, { msgID: msgId, timeout: timeoutMs });
      return { duplicate: ack.duplicate };
    },
  };
}
