import { createInbox, headers, type Msg, type NatsConnection } from '@nats-io/transport-node';

/** Publishing to JetStream as the webhook and the worker need it: with a dedup id, waiting for the PubAck. */
export interface Publisher {
  /** `trace` holds W3C trace headers to carry to the consumer. */
  publish(
    subject: string,
    data: string,
    msgId: string,
    trace?: Record<string, string>,
  ): Promise<{ duplicate: boolean }>;
}

interface Waiting {
  resolve: (ack: { duplicate: boolean }) => void;
  reject: (error: Error) => void;
  deadline: number;
}

/** A PubAck, or JetStream's refusal (https://docs.nats.io/reference/reference-protocols/nats_api_reference). */
interface PubAck {
  stream?: string;
  seq?: number;
  duplicate?: boolean;
  error?: { code?: number; err_code?: number; description?: string };
}

/**
 * The real publisher: JetStream's publish as the protocol defines it, a core publish with `Nats-Msg-Id` whose reply
 * subject receives the PubAck, with one reply subscription for all publishes instead of a request object, timer and
 * error per publish (nats.js builds an Error with its stack trace for every request it completes: a tenth of the
 * webhook's CPU, docs/performance.md). A publish not acknowledged within `timeoutMs` fails, as does one JetStream
 * refuses or no stream takes (the server's 503 "no responders").
 *
 * Publishes asked for while the event loop handles one round of I/O go out together: nats.js writes its buffer to
 * the socket once per microtask checkpoint, which node reaches after each HTTP request's callback, so under
 * concurrent deliveries (or replies) each publish was its own socket write (and its own read on the server).
 * Starting them all from one `setImmediate` makes one write per round; a lone publish waits for nothing but the rest
 * of the turn.
 */
export function jetStreamPublisher(nc: NatsConnection, timeoutMs = 5000): Publisher {
  const inbox = createInbox();
  const waiting = new Map<string, Waiting>();
  let sequence = 0;

  const settle = (error: Error | null, msg: Msg | undefined) => {
    if (error || !msg) {
      // The reply subscription itself failed (a permission, the connection): nothing waiting can be answered.
      for (const entry of waiting.values()) entry.reject(error ?? new Error('the PubAck subscription ended'));
      waiting.clear();
      return;
    }
    const token = msg.subject.slice(inbox.length + 1);
    const entry = waiting.get(token);
    if (!entry) return; // answered after its deadline
    waiting.delete(token);
    if (msg.headers?.code === 503)
      return entry.reject(new Error('no JetStream stream takes this subject (503)'));
    let ack: PubAck;
    try {
      ack = msg.json<PubAck>();
    } catch {
      return entry.reject(
        new Error(`JetStream answered with something that is not a PubAck: ${msg.string()}`),
      );
    }
    if (ack.error || typeof ack.seq !== 'number') {
      return entry.reject(
        new Error(
          `JetStream refused the message: ${ack.error?.description ?? msg.string()} (${ack.error?.code ?? '?'})`,
        ),
      );
    }
    entry.resolve({ duplicate: ack.duplicate === true });
  };
  nc.subscribe(`${inbox}.*`, { callback: settle });

  // Map order is publish order and every publish has the same wait: the expired are always at the front.
  let sweeping = false;
  const expire = () => {
    const now = Date.now();
    for (const [token, entry] of waiting) {
      if (entry.deadline > now) break;
      waiting.delete(token);
      entry.reject(new Error(`JetStream did not acknowledge within ${timeoutMs} ms`));
    }
    if (waiting.size > 0) setTimeout(expire, Math.min(timeoutMs, 100)).unref();
    else sweeping = false;
  };

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
          const token = String(++sequence);
          const hdrs = headers();
          hdrs.set('Nats-Msg-Id', msgId);
          for (const [key, value] of Object.entries(trace)) hdrs.set(key, value);
          try {
            nc.publish(subject, data, { reply: `${inbox}.${token}`, headers: hdrs });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          waiting.set(token, { resolve, reject, deadline: Date.now() + timeoutMs });
          if (!sweeping) {
            sweeping = true;
            setTimeout(expire, Math.min(timeoutMs, 100)).unref();
          }
        };
        if (queued.push(start) === 1) setImmediate(startQueued);
      });
    },
  };
}
