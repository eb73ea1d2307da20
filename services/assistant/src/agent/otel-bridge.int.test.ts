import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { inSpan, inTenant, startTelemetry, type MikroORM, type Telemetry } from '@taskline/core';
import { seededOwner } from '../../../../test/support/services.ts';
import { understand } from '../understanding/understand.ts';
import { Assistant } from './assistant.ts';
import { chooseModel } from './model-config.ts';

/**
 * Mastra's spans inside the message's trace: an in-memory exporter behind the real OpenTelemetry SDK, the real
 * Mastra agent with the offline model, tools writing to PostgreSQL.
 */
describe('Mastra spans bridged into OpenTelemetry', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let orm: MikroORM;
  let owner: { tenantId: string; userId: string };
  const TEXT = 'create a task to review the quarterly reports by friday';

  beforeAll(async () => {
    telemetry = await startTelemetry('assistant-test', {}, [new SimpleSpanProcessor({ exporter })]);
    ({ orm, owner } = await seededOwner('assistant_tracing'));
  });
  afterAll(async () => {
    await orm?.close();
    await telemetry?.shutdown();
  });

  it('nests the agent run, the model and the tool call under the worker’s span, with our SQL inside', async () => {
    const assistant = new Assistant({ model: chooseModel({}), understand, tracing: true });
    const output = await inSpan('inbound.process', {}, () =>
      inTenant(orm, owner.tenantId, (em) =>
        assistant.reply({
          text: TEXT,
          turn: {
            em,
            owner,
            timezone: 'Europe/Madrid',
            now: new Date('2026-11-24T09:00:00Z'),
            sourceWamid: 'wamid.t1',
          },
          resourceId: owner.userId,
          threadId: `wa:${owner.userId}`,
        }),
      ),
    );
    expect(output.toolCalls.map((call) => call.name)).toEqual(['createTask']);

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'inbound.process')!;
    const trace = spans.filter((s) => s.spanContext().traceId === root.spanContext().traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanContext?.spanId ?? '');
    const ancestry = (span: ReadableSpan): string[] => {
      const parent = parentOf(span);
      return parent ? [parent.name, ...ancestry(parent)] : [];
    };
    const type = (span: ReadableSpan) => span.attributes['mastra.span.type'];

    const agentRun = trace.find((s) => type(s) === 'agent_run');
    expect(agentRun, 'Mastra’s agent run span').toBeDefined();
    expect(parentOf(agentRun!)?.name).toBe('agent.run');
    const generation = trace.find((s) => type(s) === 'model_generation');
    expect(generation && ancestry(generation)).toContain(agentRun!.name);
    const toolCall = trace.find((s) => type(s) === 'tool_call');
    expect(toolCall?.name).toContain('createTask');
    expect(ancestry(toolCall!)).toContain(agentRun!.name);
    // The tool's own span and its SQL run inside Mastra's tool call span.
    const ourTool = trace.find((s) => s.name === 'tool.createTask')!;
    expect(ancestry(ourTool)).toContain(toolCall!.name);
    const insert = trace.find((s) => s.name === 'pg.query' && ancestry(s).includes('tool.createTask'));
    expect(insert, 'a SQL span under the tool').toBeDefined();
    // One span per streamed chunk would be noise: left out.
    expect(trace.filter((s) => type(s) === 'model_chunk')).toEqual([]);
    // No span carries the message text.
    for (const span of trace) {
      expect(JSON.stringify(span.attributes)).not.toContain('quarterly');
    }
  });

  it('adds nothing when tracing is off', async () => {
    exporter.reset();
    const assistant = new Assistant({ model: chooseModel({}), understand });
    await inTenant(orm, owner.tenantId, (em) =>
      assistant.reply({
        text: 'what is due this week?',
        turn: {
          em,
          owner,
          timezone: 'Europe/Madrid',
          now: new Date('2026-11-24T09:00:00Z'),
          sourceWamid: 'wamid.t2',
        },
        resourceId: owner.userId,
        threadId: `wa:${owner.userId}`,
      }),
    );
    expect(exporter.getFinishedSpans().filter((s) => s.attributes['mastra.span.type'])).toEqual([]);
  });
});
