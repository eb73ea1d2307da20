import { createHash } from 'node:crypto';
import {
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
 * Tracing helpers shared by every role (DESIGN.md §1: one trace per WhatsApp message). With no SDK started the
 * OpenTelemetry API is a no-op, so these cost nothing when tracing is off. The W3C trace context travels in HTTP
 * headers and in NATS message headers as `traceparent` / `tracestate`.
 */
export { SpanKind, SpanStatusCode, context, trace, type Attributes, type Context, type Span };

export const tracer = () => trace.getTracer('taskline');

type Carrier = Record<string, string>;

/** The active context as W3C headers (empty when tracing is off). */
export function traceHeaders(ctx: Context = context.active()): Carrier {
  const carrier: Carrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** A context from W3C headers, read through `get` (HTTP headers, NATS headers ...). */
export function contextFrom(get: (key: string) => string | undefined): Context {
  return propagation.extract(context.active(), undefined, {
    keys: () => ['traceparent', 'tracestate'],
    get: (_carrier, key) => get(key) || undefined,
  });
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  parent?: Context;
  links?: Link[];
}

/** Runs `work` in a new span that records a thrown error and ends when `work` settles. */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links },
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
