import type { NatsConnection, Subscription } from '@nats-io/transport-node';

/** Per-second message counts of one tenant: what the live dashboard's sparklines draw. */
export interface LiveSecond {
  at: number;
  inbound: number;
  outbound: number;
  statuses: number;
  deadLetters: number;
}

const KINDS = { inbound: 'inbound', outbound: 'outbound', status: 'statuses', dlq: 'deadLetters' } as const;
const WINDOW_SECONDS = 120;

export interface LiveFeed {
  /** The last `seconds` seconds of one tenant (oldest first, zero-filled), or summed over every tenant. */
  series(tenant: string | undefined, seconds?: number): LiveSecond[];
  /** Called once a second with the second that just ended; returns the unsubscribe function. */
  onTick(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Watches every tenant's subjects on core NATS (JetStream streams deliver to plain subscribers too) and keeps a
 * bounded window of per-second counts in memory: 120 seconds x tenants, nothing else. Message bodies are never
 * decoded; only subjects are read.
 */
export function watchLive(nc: NatsConnection, now: () => number = Date.now): LiveFeed {
  const counts = new Map<string, Map<number, LiveSecond>>();
  const listeners = new Set<() => void>();
  const second = () => Math.floor(now() / 1000);

  const record = (tenant: string, kind: keyof typeof KINDS) => {
    let seconds = counts.get(tenant);
    if (!seconds) counts.set(tenant, (seconds = new Map<number, LiveSecond>()));
    const at = second();
    let slot = seconds.get(at);
    if (!slot) seconds.set(at, (slot = { at, inbound: 0, outbound: 0, statuses: 0, deadLetters: 0 }));
    slot[KINDS[kind]] += 1;
  };

  const subscriptions: Subscription[] = Object.keys(KINDS).map((kind) =>
    nc.subscribe(`taskline.*.${kind}`, {
      callback: (error, message) => {
        if (error) return;
        const tenant = message.subject.split('.')[1];
        if (tenant) record(tenant, kind as keyof typeof KINDS);
      },
    }),
  );

  const timer = setInterval(() => {
    const oldest = second() - WINDOW_SECONDS;
    for (const seconds of counts.values()) {
      for (const at of seconds.keys()) if (at < oldest) seconds.delete(at);
    }
    for (const listener of listeners) listener();
  }, 1000);
  timer.unref();

  return {
    series(tenant, seconds = 60) {
      const end = second() - 1;
      const sources = tenant ? [counts.get(tenant)] : [...counts.values()];
      const out: LiveSecond[] = [];
      for (let at = end - seconds + 1; at <= end; at++) {
        const sum: LiveSecond = { at, inbound: 0, outbound: 0, statuses: 0, deadLetters: 0 };
        for (const source of sources) {
          const slot = source?.get(at);
          if (!slot) continue;
          sum.inbound += slot.inbound;
          sum.outbound += slot.outbound;
          sum.statuses += slot.statuses;
          sum.deadLetters += slot.deadLetters;
        }
        out.push(sum);
      }
      return out;
    },
    onTick(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearInterval(timer);
      for (const subscription of subscriptions) subscription.unsubscribe();
      return Promise.resolve();
    },
  };
}
