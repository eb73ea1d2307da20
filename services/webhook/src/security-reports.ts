import { msgIds, subjects, type Logger, type SecurityEvent, type Publisher } from '@taskline/core';

const MAX_SOURCES = 100;
const MAX_PENDING = 60;

interface Window {
  count: number;
  firstAt: string;
  lastAt: string;
  sources: Map<string, number>;
}

/**
 * Sums the webhook's signature failures over a short window and publishes one report per window to the tenant's
 * `security` subject, where the worker writes it to the audit log (the webhook has no database). A flood costs one
 * message per window, memory stays bounded (100 addresses per window, 60 reports waiting), and a report JetStream
 * did not take is retried with the same Nats-Msg-Id, so it is audited once.
 */
export class SignatureFailureReporter {
  readonly #tenant: string;
  readonly #reporter: string;
  readonly #publisher: Publisher;
  readonly #log: Logger;
  readonly #windowMs: number;
  #current: Window | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #pending: SecurityEvent[] = [];
  /** The last window number used: a time in ms, moved on by one when two windows open in the same ms. */
  #lastWindow = 0;

  constructor(options: {
    tenant: string;
    reporter: string;
    publisher: Publisher;
    log: Logger;
    windowMs?: number;
  }) {
    this.#tenant = options.tenant;
    this.#reporter = options.reporter;
    this.#publisher = options.publisher;
    this.#log = options.log;
    this.#windowMs = options.windowMs ?? 10_000;
  }

  record(ip: string): void {
    const now = new Date().toISOString();
    const window = (this.#current ??= { count: 0, firstAt: now, lastAt: now, sources: new Map() });
    window.count += 1;
    window.lastAt = now;
    const key = ip.slice(0, 64);
    if (window.sources.has(key) || window.sources.size < MAX_SOURCES) {
      window.sources.set(key, (window.sources.get(key) ?? 0) + 1);
    }
    this.#timer ??= setTimeout(() => void this.flush(), this.#windowMs).unref();
  }

  /** Closes the current window and publishes every report still waiting. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const window = this.#current;
    this.#current = undefined;
    if (window) {
      const sources = [...window.sources]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([ip, count]) => ({ ip, count }));
      this.#pending.push({
        v: 1,
        tenant: this.#tenant,
        kind: 'bad_signature',
        count: window.count,
        firstAt: window.firstAt,
        lastAt: window.lastAt,
        sources,
        reporter: this.#reporter,
        window: (this.#lastWindow = Math.max(Date.parse(window.firstAt), this.#lastWindow + 1)),
      });
      if (this.#pending.length > MAX_PENDING) {
        const dropped = this.#pending.shift()!;
        this.#log.error({ dropped: dropped.count }, 'security reports waiting too long: dropped the oldest');
      }
    }
    while (this.#pending.length > 0) {
      const report = this.#pending[0]!;
      try {
        await this.#publisher.publish(
          subjects(this.#tenant).security,
          JSON.stringify(report),
          msgIds.security(report),
        );
        this.#pending.shift();
      } catch (error) {
        this.#log.warn(
          { err: error, waiting: this.#pending.length },
          'security report not published: retrying',
        );
        this.#timer ??= setTimeout(() => void this.flush(), this.#windowMs).unref();
        return;
      }
    }
  }
}
