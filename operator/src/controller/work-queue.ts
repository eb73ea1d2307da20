/**
 * A work queue of object keys with client-go's semantics: a key waits at most once however often it is added,
 * the same key is never processed twice at once (a key added while processing runs again afterwards), and
 * failures come back after a per-key exponential delay (5 ms doubling to 1000 s) that `forget` resets. An
 * overall token bucket (10/s, burst 100) limits only the failure retries, as controller-runtime's default does.
 */
export interface WorkQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  retriesPerSecond?: number;
  retryBurst?: number;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private readonly options: Required<WorkQueueOptions>;
  private tokens: number;
  private tokensAt = Date.now();
  private closed = false;

  constructor(options: WorkQueueOptions = {}) {
    this.options = {
      baseDelayMs: 5,
      maxDelayMs: 1_000_000,
      retriesPerSecond: 10,
      retryBurst: 100,
      ...options,
    };
    this.tokens = this.options.retryBurst;
  }

  get depth(): number {
    return this.queue.length;
  }

  /** True while a key is being processed. */
  get busy(): boolean {
    return this.processing.size > 0;
  }

  add(key: string): void {
    if (this.closed || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
    } else {
      this.queue.push(key);
    }
  }

  /** Adds the key after `delayMs`; an earlier pending delay for the key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.closed) return;
    if (delayMs <= 0) return this.add(key);
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Re-adds a key that failed, after its backoff. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const perItem = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** failures);
    this.addAfter(key, Math.max(perItem, this.bucketDelay()));
  }

  /** The key succeeded: its backoff starts again from the base delay. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process, or undefined once the queue is shut down. Call `done(key)` after. */
  async get(): Promise<string | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return key;
    }
    if (this.closed) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  shutDown(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  private bucketDelay(): number {
    const now = Date.now();
    const { retriesPerSecond, retryBurst } = this.options;
    this.tokens = Math.min(retryBurst, this.tokens + ((now - this.tokensAt) / 1000) * retriesPerSecond);
    this.tokensAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / retriesPerSecond) * 1000;
  }
}
