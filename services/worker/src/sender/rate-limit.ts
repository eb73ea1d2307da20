/**
 * A token bucket: at most `ratePerSecond` takes per second on average, bursts up to `burst`. `take()` waits for a
 * token; waiting callers are bounded by the consumer's concurrency, so nothing queues without limit.
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(ratePerSecond: number, burst = ratePerSecond, now: () => number = Date.now) {
    if (!(ratePerSecond > 0)) throw new RangeError('the rate must be positive');
    this.#rate = ratePerSecond;
    this.#burst = Math.max(1, burst);
    this.#now = now;
    this.#tokens = this.#burst;
    this.#at = now();
  }

  /** Milliseconds until a token is free (0 when one is). */
  waitMs(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) / this.#rate) * 1000);
  }

  /** Takes a token, waiting for one in arrival order. */
  take(): Promise<void> {
    const turn = this.#queue.then(async () => {
      for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      this.#tokens -= 1;
    });
    this.#queue = turn;
    return turn;
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    this.#at = now;
  }
}
