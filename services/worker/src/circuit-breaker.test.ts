import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the circuit breaker', () => {
  it('opens after consecutive failures, holds callers, lets one probe through after the cooldown', async () => {
    let now = 0;
    const changes: CircuitState[] = [];
    const breaker = new CircuitBreaker({
      failures: 3,
      cooldownMs: 20,
      now: () => now,
      onChange: (s) => changes.push(s),
    });
    for (let i = 0; i < 2; i++) {
      await breaker.enter();
      breaker.failure('HTTP 500');
    }
    breaker.success(); // a success in between resets the count
    for (let i = 0; i < 3; i++) {
      await breaker.enter();
      breaker.failure('HTTP 500');
    }
    expect(breaker.state).toBe('open');

    const entered: number[] = [];
    const callers = [1, 2, 3].map((id) => breaker.enter().then(() => entered.push(id)));
    await settle();
    expect(entered).toEqual([]); // open: everyone waits

    now = 25; // the cooldown is over
    await new Promise((resolve) => setTimeout(resolve, 30)); // its timer wakes the waiters
    expect(breaker.state).toBe('half-open');
    expect(entered).toHaveLength(1); // exactly one probe

    breaker.failure('HTTP 503'); // the probe failed: open again, for twice as long
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs).toBe(40);
    now = 70;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(entered).toHaveLength(2); // the next probe
    breaker.success();
    await Promise.all(callers);
    expect(entered).toHaveLength(3);
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('frees the probe slot when the probing caller gives up without calling', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failures: 1, cooldownMs: 10, now: () => now });
    await breaker.enter();
    breaker.failure('timeout');
    now = 11;
    await breaker.enter(); // the probe
    let second = false;
    const waiting = breaker.enter().then(() => (second = true));
    await settle();
    expect(second).toBe(false);
    breaker.release();
    await waiting;
    expect(second).toBe(true);
  });

  it('lets every waiter go when closed for shutdown', async () => {
    const breaker = new CircuitBreaker({ failures: 1, cooldownMs: 60_000 });
    breaker.failure('network');
    const waiting = Promise.all([breaker.enter(), breaker.enter()]);
    breaker.close();
    await expect(waiting).resolves.toBeDefined();
  });

  it('does not leave a waiter asleep when the cooldown timer fires before the clock says it is over', async () => {
    // A clock 3 ms behind the timers: when the cooldown timer wakes the waiter, 3 ms of cooldown seem left.
    const breaker = new CircuitBreaker({ failures: 1, cooldownMs: 20, now: () => Date.now() - 3 });
    breaker.failure('HTTP 500');
    let entered = false;
    await Promise.race([
      breaker.enter().then(() => (entered = true)),
      new Promise((resolve) => setTimeout(resolve, 500)),
    ]);
    expect(entered).toBe(true);
    expect(breaker.state).toBe('half-open');
  });
});
