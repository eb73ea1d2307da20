// `npm run eval [-- file.jsonl] [--failures]`: scores the offline understanding on the public set (or the given
// file, e.g. a held-out batch) and prints a table.
import { pathToFileURL } from 'node:url';
import { evaluate, loadCases } from './evaluate.ts';

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const report = evaluate(loadCases(file ? pathToFileURL(file) : undefined));
const table = (title: string, rows: Record<string, { count: number; intent: number; exact: number }>) => {
  console.log(`\n${title.padEnd(16)} ${'n'.padStart(4)} ${'intent'.padStart(8)} ${'exact'.padStart(8)}`);
  for (const [key, row] of Object.entries(rows).sort()) {
    console.log(
      `${key.padEnd(16)} ${String(row.count).padStart(4)} ${pct(row.intent / row.count).padStart(8)} ${pct(row.exact / row.count).padStart(8)}`,
    );
  }
};
table('tool', report.byTool);
table('language', report.byLanguage);
console.log(`\ncases ${report.total}`);
console.log(`intent accuracy      ${pct(report.intentAccuracy)}`);
console.log(`exact tool+args      ${pct(report.exactMatch)}`);
console.log(`out-of-scope recall  ${pct(report.outOfScopeRecall)}`);
console.log(`false rejections     ${pct(report.falseRejections)}`);
console.log(`dates right         ${pct(report.dateAccuracy)} of ${report.dated} requests with a date`);
if (process.argv.includes('--failures')) {
  for (const f of report.failures) console.log(JSON.stringify(f));
}
