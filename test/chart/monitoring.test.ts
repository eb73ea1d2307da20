import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parser } from '@prometheus-io/lezer-promql';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The alerts and the Grafana dashboard shipped with the chart: every expression parses with Prometheus' own PromQL
 * grammar (@prometheus-io/lezer-promql; promtool is not available here) and names only metrics our code exports.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
type Rule = {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Metric names registered in the code (`name: 'taskline_...'`). */
const exported = new Set(
  [...sources(join(root, 'services')), ...sources(join(root, 'operator/src'))].flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/['"](taskline_[a-z_]+)['"]/g)].map((m) => m[1]!),
  ),
);

function problems(expr: string): string[] {
  const found: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) found.push(`syntax error at ${node.from} in: ${expr}`);
    },
  });
  for (const [metric] of expr.matchAll(/\btaskline_[a-z_]+/g)) {
    const base = metric.replace(/_(bucket|count|sum)$/, '');
    if (!exported.has(metric) && !exported.has(base)) found.push(`unknown metric ${metric}`);
  }
  return found;
}

describe('alerts and dashboard', () => {
  let rules: Rule[];
  let dashboard: { panels: { title: string; targets: { expr: string }[] }[] };

  beforeAll(() => {
    const helm = execFileSync(`${root}scripts/helm.sh`, { encoding: 'utf8' }).trim();
    const rendered = execFileSync(
      helm,
      [
        'template',
        't',
        `${root}charts/taskline`,
        '--api-versions',
        'monitoring.coreos.com/v1',
        '--set',
        'postgres.url=postgres://u@db/t',
      ],
      { encoding: 'utf8' },
    );
    const docs = parseAllDocuments(rendered).map(
      (d) => d.toJS() as { kind: string; spec?: unknown; data?: Record<string, string> },
    );
    const rule = docs.find((d) => d.kind === 'PrometheusRule')!.spec as { groups: { rules: Rule[] }[] };
    rules = rule.groups.flatMap((g) => g.rules);
    const configMap = docs.find((d) => d.kind === 'ConfigMap' && d.data?.['taskline.json'])!;
    dashboard = JSON.parse(configMap.data!['taskline.json']!) as typeof dashboard;
  }, 120_000);

  it('knows the metrics the code exports', () => {
    expect(exported).toContain('taskline_reply_latency_seconds');
    expect(exported).toContain('taskline_operator_reconcile_errors_total');
    expect(problems('sum(rate(taskline_nope_total[5m]))')).toEqual(['unknown metric taskline_nope_total']);
    expect(problems('sum(rate(taskline_messages_total[5m])')[0]).toMatch(/syntax error/);
  });

  it('ships alerts that parse, use real metrics and tell what to do', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'TasklineReplyErrorRate',
        'TasklineReplyLatencyHigh',
        'TasklineConsumerLagGrowing',
        'TasklineDeadLettersPresent',
        'TasklineOperatorReconcileErrors',
      ]),
    );
    for (const rule of rules) {
      expect(problems(rule.expr), rule.alert).toEqual([]);
      expect(rule.labels?.severity, rule.alert).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
  });

  it('ships a dashboard whose queries parse and use real metrics', () => {
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const expr = target.expr.replaceAll('$tenant', '.*');
        expect(problems(expr), panel.title).toEqual([]);
      }
    }
  });
});
