import pg from 'pg';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { tracer } from './tracing.ts';

/**
 * A span per PostgreSQL query (`pg.query`: the statement's first words, never its parameters), child of the
 * active span. Patches pg's Client once; queries outside a span are not traced. A small hand-written stand-in for
 * @opentelemetry/instrumentation-pg, whose require hook does not see pg imported from ES modules.
 */
let patched = false;

type Query = (...args: unknown[]) => unknown;

/** The statement's shape with every literal replaced by `?` (MikroORM inlines values: ids, phones, text). */
export function sanitize(statement: string): string {
  return statement
    .replace(/[Ee]?'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export function tracePostgres(): void {
  if (patched) return;
  patched = true;
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function traced(this: unknown, ...args: unknown[]) {
    if (!trace.getSpan(context.active())) return original.apply(this, args);
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    const span = tracer().startSpan('pg.query', {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'postgresql',
        'db.operation': text.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '',
        'db.statement': sanitize(text),
      },
    });
    const finish = (error?: unknown) => {
      if (error)
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : 'query failed',
        });
      span.end();
    };
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        finish(error);
        return (last as (e: unknown, r: unknown) => unknown)(error, result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => finish(),
        (error: unknown) => finish(error),
      );
    } else {
      finish();
    }
    return result;
  };
}
