import { readFileSync } from 'node:fs';
import { understand, type UnderstandInput } from '../src/understanding/understand.ts';

export interface EvalCase {
  input: UnderstandInput;
  expected: { tool: string | null; args: Record<string, unknown> };
  lang?: 'en' | 'es' | 'pt';
}

export interface EvalReport {
  total: number;
  intentAccuracy: number;
  exactMatch: number;
  outOfScopeRecall: number;
  falseRejections: number;
  /** Of the requests whose expected call carries a date (due, remindAt, dueFrom, dueTo), those whose dates are all right. */
  dateAccuracy: number;
  dated: number;
  byTool: Record<string, { count: number; intent: number; exact: number }>;
  byLanguage: Record<string, { count: number; intent: number; exact: number }>;
  failures: { text: string; expected: unknown; got: unknown }[];
}

export const PUBLIC_SET = new URL('./public.jsonl', import.meta.url);

export function loadCases(url: URL = PUBLIC_SET): EvalCase[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalCase);
}

const DATE_ARGS = ['due', 'remindAt', 'dueFrom', 'dueTo'] as const;

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Scores the offline understanding on a labelled set: intent, exact tool+arguments, out-of-scope. */
export function evaluate(cases: EvalCase[]): EvalReport {
  const byTool: EvalReport['byTool'] = {};
  const byLanguage: EvalReport['byLanguage'] = {};
  const failures: EvalReport['failures'] = [];
  let intent = 0;
  let exact = 0;
  let oos = 0;
  let oosHit = 0;
  let inScope = 0;
  let rejected = 0;
  let dated = 0;
  let datesRight = 0;
  for (const c of cases) {
    const got = understand(c.input);
    const intentOk = got.tool === c.expected.tool;
    const exactOk = intentOk && same(got.args, c.expected.args);
    intent += Number(intentOk);
    exact += Number(exactOk);
    const dateKeys = DATE_ARGS.filter((key) => key in c.expected.args);
    if (dateKeys.length > 0) {
      dated += 1;
      datesRight += Number(dateKeys.every((key) => got.args[key] === c.expected.args[key]));
    }
    if (c.expected.tool === null) {
      oos += 1;
      oosHit += Number(got.tool === null);
    } else {
      inScope += 1;
      rejected += Number(got.tool === null);
    }
    for (const [bucket, key] of [
      [byTool, c.expected.tool ?? '(none)'],
      [byLanguage, c.lang ?? '?'],
    ] as const) {
      const row = (bucket[key] ??= { count: 0, intent: 0, exact: 0 });
      row.count += 1;
      row.intent += Number(intentOk);
      row.exact += Number(exactOk);
    }
    if (!exactOk)
      failures.push({ text: c.input.text, expected: c.expected, got: { tool: got.tool, args: got.args } });
  }
  return {
    total: cases.length,
    intentAccuracy: intent / cases.length,
    exactMatch: exact / cases.length,
    outOfScopeRecall: oos ? oosHit / oos : 1,
    falseRejections: inScope ? rejected / inScope : 0,
    dateAccuracy: dated ? datesRight / dated : 1,
    dated,
    byTool,
    byLanguage,
    failures,
  };
}
