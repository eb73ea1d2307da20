import { describe, expect, it } from 'vitest';
import { evaluate, loadCases } from '../../eval/evaluate.ts';

describe('the offline understanding on the public evaluation set', () => {
  const report = evaluate(loadCases());

  it('picks the right tool for at least 95% of the requests', () => {
    expect(report.intentAccuracy, JSON.stringify(report.failures, null, 1)).toBeGreaterThanOrEqual(0.95);
  });

  it('gets the tool and every argument exactly right for at least 90%', () => {
    expect(report.exactMatch, JSON.stringify(report.failures, null, 1)).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps out-of-scope recall at 80% or more with at most 3% false rejections', () => {
    expect(report.outOfScopeRecall).toBeGreaterThanOrEqual(0.8);
    expect(report.falseRejections).toBeLessThanOrEqual(0.03);
  });

  it("gets the dates right, in the user's time zone, for at least 95% of the requests that carry one", () => {
    expect(report.dated).toBeGreaterThan(300);
    expect(report.dateAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('covers the three languages and every tool', () => {
    expect(Object.keys(report.byLanguage).sort()).toEqual(['en', 'es', 'pt']);
    expect(Object.keys(report.byTool)).toHaveLength(10);
  });
});
