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

/**
 * The real publisher: JetStream with `Nats-Msg-Id` and a bounded wait for the PubAck. Publishes asked for while
 * the event loop handles one round of I/O go out together: nats.js writes its buffer to the socket once per
 * microtask checkpoint, which node reaches after each HTTP request's callback, so under concurrent deliveries each
 * publish was its own socket write (and its own read on the server). Starting them all from one `setImmediate`
 * makes one write per round; a lone delivery waits for nothing but the rest of the current loop turn.
 */
export function jetStreamPublisher(js: JetStreamClient, timeoutMs = 5000): Publisher {
  let queued: (() => void)[] = [];
  const startQueued = () => {
    const starting = queued;
    queued = [];
    for (const start of starting) start();
  };
  return {
    publish(subject, data, msgId, trace = {}) {
      return new Promise((resolve, reject) => {
        const start = () => {
          const hdrs = headers();
          for (const [key, value] of Object.entries(trace)) hdrs.set(key, value);
          js.publish(subject, data, { msgID: msgId, timeout: timeoutMs, headers: hdrs }).then(
            (ack) => resolve({ duplicate: ack.duplicate }),
            reject,
          );
        };
        if (queued.push(start) === 1) setImmediate(startQueued);
      });
    },
  };
}
