import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphErrorSchema } from '@taskline/core';
import { classify } from './cloud-api.client.ts';

const samples = new URL('../../../../../shared/whatsapp/samples/', import.meta.url);
const graphError = (name: string) =>
  graphErrorSchema.parse(JSON.parse(readFileSync(new URL(name, samples), 'utf8'))).error;

describe('classify', () => {
  it('retries the throughput limit 130429 with a back-off', () => {
    const result = classify(429, graphError('send-response-error-130429.json'));
    expect(result).toMatchObject({ kind: 'retry', code: 130429 });
    expect(result.kind === 'retry' && result.delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('never retries 131047 (outside the 24-hour window)', () => {
    expect(classify(400, graphError('send-response-error-131047.json'))).toMatchObject({
      kind: 'permanent',
      code: 131047,
      credentials: false,
    });
  });

  it('flags an expired token (190) as a credentials problem and does not retry it', () => {
    expect(classify(401, graphError('send-response-error-190.json'))).toMatchObject({
      kind: 'permanent',
      code: 190,
      credentials: true,
    });
  });

  it('retries server errors and throttling without a Graph error body', () => {
    expect(classify(503, undefined, 'upstream down')).toMatchObject({ kind: 'retry', code: null });
    expect(classify(429, undefined)).toMatchObject({ kind: 'retry' });
  });

  it('does not retry invalid parameters', () => {
    expect(classify(400, { message: 'Invalid parameter', code: 100 })).toMatchObject({
      kind: 'permanent',
      code: 100,
    });
  });

  it('keeps the fbtrace_id in the reason for support tickets', () => {
    const result = classify(400, graphError('send-response-error-131047.json'));
    expect(result.kind !== 'accepted' && result.reason).toMatch(/fbtrace_id/);
  });
});
