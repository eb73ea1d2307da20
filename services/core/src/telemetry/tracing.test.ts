import { describe, expect, it } from 'vitest';
import { contextFrom, inSpan, traceHeaders } from './tracing.ts';

// With tracing on, spans, attributes and propagation are checked end to end by otel-bridge.int.test.ts and
// test/e2e/tracing.e2e.test.ts. This is the other side: a role without an SDK pays for none of it.
describe('tracing while no SDK is started', () => {
  it('runs the work with a span that records nothing and never computes the attributes', async () => {
    let computed = 0;
    const result = await inSpan(
      'webhook.receive',
      {
        attributes: () => {
          computed++;
          return { 'taskline.user': 'x' };
        },
      },
      (span) => {
        span.setAttribute('taskline.outcome', 'ok');
        return Promise.resolve(span.isRecording());
      },
    );
    expect(result).toBe(false);
    expect(computed).toBe(0);
  });

  it('lets the work’s error through', async () => {
    await expect(
      inSpan('worker.process', {}, () => Promise.reject(new Error('the database is down'))),
    ).rejects.toThrow('the database is down');
    // Thrown before the work returns a promise: still a rejection, as from an async function.
    const thrown = inSpan('worker.process', {}, () => {
      throw new Error('no connection');
    });
    await expect(thrown).rejects.toThrow('no connection');
  });

  it('neither reads nor writes trace headers', () => {
    let read = 0;
    contextFrom(() => {
      read++;
      return '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    });
    expect(read).toBe(0);
    expect(traceHeaders()).toEqual({});
  });
});
