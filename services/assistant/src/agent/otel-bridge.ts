import {
  SpanType,
  TracingEventType,
  type CreateSpanOptions,
  type ObservabilityBridge,
  type SpanIds,
  type TracingEvent,
} from '@mastra/core/observability';
import { getExternalParentId } from '@mastra/observability';
import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@taskline/core';

/**
 * Mastra's own spans (the agent run, each model generation and step, each tool call) as OpenTelemetry spans in the
 * message's trace (DESIGN.md §1, issue 6). Mastra asks the bridge to create each span and adopts its ids, so the
 * tree is one: the worker's `agent.run` -> Mastra's agent run -> model step / tool call -> our `tool.*` span and
 * its SQL. Code Mastra runs inside a span (tools, the model) runs in that span's OpenTelemetry context.
 *
 * Attributes are the GenAI conventions' names for what is safe to export: span kind, model, token counts, tool
 * name and success. Never inputs or outputs: they hold the user's message text.
 */
export class OtelBridge implements ObservabilityBridge {
  readonly name = 'taskline-otel';
  private readonly spans = new Map<string, { span: Span; context: Context }>();

  createSpan(options: CreateSpanOptions<SpanType>): SpanIds | undefined {
    const parentId = getExternalParentId(options);
    const parent = (parentId && this.spans.get(parentId)?.context) || context.active();
    const span = tracer().startSpan(
      options.name,
      {
        kind: options.type === SpanType.MODEL_GENERATION ? SpanKind.CLIENT : SpanKind.INTERNAL,
        attributes: { 'mastra.span.type': options.type },
      },
      parent,
    );
    const ids = span.spanContext();
    if (!trace.isSpanContextValid(ids)) {
      span.end();
      return undefined;
    }
    this.spans.set(ids.spanId, { span, context: trace.setSpan(parent, span) });
    const parentSpanId = trace.getSpan(parent)?.spanContext().spanId;
    return {
      traceId: ids.traceId,
      spanId: ids.spanId,
      ...(parentSpanId && this.spans.has(parentSpanId)
        ? { parentSpanId }
        : parentSpanId
          ? { externalParentSpanId: parentSpanId }
          : {}),
    };
  }

  executeInContext<T>(spanId: string, fn: () => Promise<T>): Promise<T> {
    const entry = this.spans.get(spanId);
    return entry ? context.with(entry.context, fn) : fn();
  }

  executeInContextSync<T>(spanId: string, fn: () => T): T {
    const entry = this.spans.get(spanId);
    return entry ? context.with(entry.context, fn) : fn();
  }

  /** A span Mastra filtered out: forget it without ending it (ending would export it). */
  releaseSpan(spanId: string): void {
    this.spans.delete(spanId);
  }

  exportTracingEvent(event: TracingEvent): Promise<void> {
    if (event.type !== TracingEventType.SPAN_ENDED) return Promise.resolve();
    const ended = event.exportedSpan;
    const entry = this.spans.get(ended.id);
    if (!entry) return Promise.resolve();
    this.spans.delete(ended.id);
    entry.span.setAttributes(
      safeAttributes(ended.type, ended.attributes as Record<string, unknown> | undefined),
    );
    if (ended.errorInfo) {
      entry.span.setStatus({ code: SpanStatusCode.ERROR, message: ended.errorInfo.message });
    }
    entry.span.end(ended.endTime);
    return Promise.resolve();
  }

  /** The SDK's span processor exports; `Telemetry.shutdown` flushes it. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    for (const { span } of this.spans.values()) span.end();
    this.spans.clear();
    return Promise.resolve();
  }
}

const tracer = () => trace.getTracer('taskline-mastra');

/** The few attributes of a Mastra span that say what happened without saying what the user wrote. */
function safeAttributes(type: SpanType, attributes: Record<string, unknown> = {}): Attributes {
  const result: Attributes = {};
  if (type === SpanType.MODEL_GENERATION || type === SpanType.MODEL_STEP) {
    const usage = attributes.usage as { inputTokens?: number; outputTokens?: number } | undefined;
    if (typeof attributes.model === 'string') result['gen_ai.request.model'] = attributes.model;
    if (typeof attributes.provider === 'string') result['gen_ai.system'] = attributes.provider;
    if (typeof usage?.inputTokens === 'number') result['gen_ai.usage.input_tokens'] = usage.inputTokens;
    if (typeof usage?.outputTokens === 'number') result['gen_ai.usage.output_tokens'] = usage.outputTokens;
    if (typeof attributes.finishReason === 'string') {
      result['gen_ai.response.finish_reasons'] = [attributes.finishReason];
    }
  }
  if (type === SpanType.TOOL_CALL && typeof attributes.success === 'boolean') {
    result['taskline.tool.success'] = attributes.success;
  }
  return result;
}
