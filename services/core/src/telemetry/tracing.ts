import { createHash } from 'node:crypto';
import {
  INVALID_SPAN_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';

/**
 * Tracing helpers shared by every role (DESIGN.md §1: one trace per WhatsApp message). The W3C trace context
 * travels in HTTP headers and in NATS message headers as `traceparent` / `tracestate`.
 *
 * Until `startTelemetry` starts an SDK these skip the OpenTelemetry API altogether: its no-op spans, contexts and
 * proxy tracers still cost a few allocations per call, measurable at webhook rates (docs/performance.md).
 */
export { SpanKind, SpanStatusCode, context, trace, type Attributes, type Context, type Span };

let tracing = false;

/** Called by `startTelemetry` once an SDK records spans. */
export function tracingStarted(on = true): void {
  tracing = on;
}

const taskline = trace.getTracer('taskline');
export const tracer = () => taskline;

/** What `work` gets while tracing is off: a span that records nothing. */
const NOT_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

type Carrier = Record<string, string>;

/** The active context as W3C headers (empty when tracing is off). */
export function traceHeaders(ctx?: Context): Carrier {
  const carrier: Carrier = {};
  if (tracing) propagation.inject(ctx ?? context.active(), carrier);
  return carrier;
}

/** A context from W3C headers, read through `get` (HTTP headers, NATS headers ...). */
export function contextFrom(get: (key: string) => string | undefined): Context {
  if (!tracing) return context.active();
  return propagation.extract(context.active(), undefined, {
    keys: () => ['traceparent', 'tracestate'],
    get: (_carrier, key) => get(key) || undefined,
  });
}

export interface SpanOptions {
  kind?: SpanKind;
  /** A function when the attributes cost something to compute (a pseudonym): called only when tracing is on. */
  attributes?: Attributes | (() => Attributes);
  parent?: Context;
  links?: Link[];
}

/** Runs `work` in a new span that records a thrown error and ends when `work` settles. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  if (tracing) return traced(name, options, work);
  try {
    return work(NOT_RECORDING);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

async function traced<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  const { attributes } = options;
  const span = taskline.startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: typeof attributes === 'function' ? attributes() : attributes,
      links: options.links,
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}

/** A stable pseudonym for a person (user ids and phone numbers never go into spans as they are). */
export const pseudonym = (value: string): string =>
  createHash('sha256').update(value).digest('hex').slice(0, 16);
