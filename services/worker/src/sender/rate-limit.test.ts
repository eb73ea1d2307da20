import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.ts';

describe('the send rate limit', () => {
  it('allows a burst, then one token per 1/rate seconds', async () => {
    let now = 0;
    const bucket = new TokenBucket(4, 2, () => now);
    await bucket.take();
    await bucket.take();
    expect(bucket.waitMs()).toBe(250);
    now = 100;
    expect(bucket.waitMs()).toBe(150);
    now = 250;
    expect(bucket.waitMs()).toBe(0);
    await bucket.take();
    now = 10_000; // a long pause refills only up to the burst
    await bucket.take();
    await bucket.take();
    expect(bucket.waitMs()).toBe(250);
  });

  it('makes callers wait their turn, in order', async () => {
    const bucket = new TokenBucket(50, 1); // one token every 20 ms
    const order: number[] = [];
    const started = performance.now();
    await Promise.all([1, 2, 3, 4].map((id) => bucket.take().then(() => order.push(id))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55); // three waits of ~20 ms
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow('the rate must be positive');
  });
});
