/** closed: calls go through; open: calls wait; half-open: one probe call goes through, the rest wait. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long it stays open before a probe; doubles after each failed probe, up to `maxCooldownMs`. */
  cooldownMs: number;
  maxCooldownMs?: number;
  now?: () => number;
  onChange?: (state: CircuitState, reason: string) => void;
}

/**
 * A circuit breaker around a dependency (the Cloud API, PostgreSQL). Callers `await enter()` before each call:
 * while the circuit is open they wait (the message stays in hand, nothing is failed, no delivery is spent), and
 * when the cooldown ends one caller goes through as the probe. `success()` closes the circuit; `failure()` counts
 * toward opening it, or re-opens it after a failed probe.
 */
export class CircuitBreaker {
  readonly #options: Required<Omit<CircuitBreakerOptions, 'onChange'>> &
    Pick<CircuitBreakerOptions, 'onChange'>;
  #state: CircuitState = 'closed';
  #consecutive = 0;
  #openedAt = 0;
  #cooldown: number;
  #probing = false;
  #waiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(options: CircuitBreakerOptions) {
    this.#options = {
      maxCooldownMs: options.cooldownMs * 8,
      now: Date.now,
      ...options,
    };
    this.#cooldown = options.cooldownMs;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Milliseconds until the next probe may go (0 unless open). */
  get retryInMs(): number {
    return this.#state === 'open' ? Math.max(0, this.#openedAt + this.#cooldown - this.#options.now()) : 0;
  }

  /** Resolves when this caller may make its call. */
  async enter(): Promise<void> {
    for (;;) {
      if (this.#state === 'closed') return;
      if (this.#state === 'open' && this.retryInMs === 0)
        this.#transition('half-open', 'cooldown over: probing');
      if (this.#state === 'half-open' && !this.#probing) {
        this.#probing = true;
        return;
      }
      // Woken by a transition, or at the end of the cooldown at the latest: timers may fire a millisecond before
      // the clock says the cooldown is over, and a waiter that went back to sleep then would sleep for good.
      const wait = this.#state === 'open' ? this.retryInMs + 5 : undefined;
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        if (wait !== undefined) setTimeout(resolve, wait).unref();
      });
    }
  }

  success(): void {
    this.#consecutive = 0;
    this.#probing = false;
    if (this.#state !== 'closed') {
      this.#cooldown = this.#options.cooldownMs;
      this.#transition('closed', 'a call succeeded');
    }
  }

  failure(reason: string): void {
    this.#consecutive += 1;
    if (this.#state === 'half-open') {
      this.#probing = false;
      this.#cooldown = Math.min(this.#cooldown * 2, this.#options.maxCooldownMs);
      this.#open(`probe failed: ${reason}`);
    } else if (this.#state === 'closed' && this.#consecutive >= this.#options.failures) {
      this.#open(`${this.#consecutive} consecutive failures, last: ${reason}`);
    }
  }

  /** A call that was let through but not made (the caller gave up): frees the probe slot. */
  release(): void {
    if (this.#probing) {
      this.#probing = false;
      this.#wake();
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#state = 'closed';
    this.#wake();
  }

  #open(reason: string): void {
    this.#openedAt = this.#options.now();
    this.#transition('open', reason);
    clearTimeout(this.#timer);
    // Wake the waiters when the cooldown ends, so one of them becomes the probe.
    this.#timer = setTimeout(() => this.#wake(), this.#cooldown);
    this.#timer.unref();
  }

  #transition(state: CircuitState, reason: string): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#options.onChange?.(state, reason);
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
