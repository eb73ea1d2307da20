import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteStreams, freshDatabase, natsForTest, NATS_URL, uniqueTenant } from '../support/services.ts';
import { runRole, startRole, freePort, type RoleProcess } from '../support/processes.ts';

let databaseUrl = '';
import type { NatsConnection } from '@taskline/core';

/**
 * One trace per WhatsApp message, across real processes: the roles export with their standard OTEL_* variables
 * to a collector stand-in that speaks OTLP/HTTP JSON, the way an OpenTelemetry collector receives it.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
  links?: { traceId: string; spanId: string }[];
  service: string;
}

const PHONE = '+5511990000002';
const PHONE_NUMBER_ID = String(200000000000000 + Math.floor(Math.random() * 1e9));
const APP_SECRET = 'trace-app-secret-0123456789';
const TEXT = 'Create a task to review the quarterly reports';

function collector(spans: OtlpSpan[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: { spans: Omit<OtlpSpan, 'service'>[] }[];
          }[];
        };
        for (const resource of body.resourceSpans) {
          const service =
            resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const scope of resource.scopeSpans)
            for (const span of scope.spans) spans.push({ ...span, service });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('tracing', () => {
  const tenant = uniqueTenant('trace');
  const spans: OtlpSpan[] = [];
  let otlp: Server;
  let nc: NatsConnection;
  let simulator: RoleProcess;
  let webhook: RoleProcess;
  let worker: RoleProcess;

  beforeAll(async () => {
    otlp = await collector(spans);
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(otlp.address() as AddressInfo).port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    databaseUrl = await freshDatabase('tracing');
    nc = await natsForTest();
    const seeded = await runRole(
      'seed',
      ['--tenant', tenant, '--phone-number-id', PHONE_NUMBER_ID, '--user', `Ana Souza:${PHONE}`],
      { DATABASE_URL: databaseUrl },
    );
    expect(seeded.code, seeded.output).toBe(0);
    const webhookPort = await freePort();
    simulator = await startRole('simulator', {
      SIMULATOR_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      SIMULATOR_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhook`,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'trace-token',
    });
    webhook = await startRole(
      'webhook',
      { TENANT: tenant, NATS_URL, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'v', ...otel },
      { port: webhookPort },
    );
    worker = await startRole('worker', {
      TENANT: tenant,
      NATS_URL,
      DATABASE_URL: databaseUrl,
      WHATSAPP_ACCESS_TOKEN: 'trace-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_API_URL: `${simulator.url}/v24.0`,
      ...otel,
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([worker?.stop(), webhook?.stop(), simulator?.stop()]);
    await deleteStreams(nc, [tenant]);
    await nc?.close();
    otlp?.close();
  });

  it('links the webhook, the worker, the agent, its SQL and the Cloud API call of one message', async () => {
    const sent = await fetch(`${simulator.url}/_sim/phones/${encodeURIComponent(PHONE)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumberId: PHONE_NUMBER_ID, text: TEXT }),
    });
    const { wamid } = (await sent.json()) as { wamid: string };
    const attribute = (span: OtlpSpan, key: string) =>
      span.attributes?.find((a) => a.key === key)?.value.stringValue;

    // Spans are exported in batches as they end: a parent (sender.process) ends after its child (cloudapi.send),
    // so wait for every expected name rather than for the last call.
    const expected = [
      'webhook.receive',
      'jetstream.publish',
      'inbound.process',
      'agent.run',
      'tool.createTask',
      'pg.query',
      'sender.process',
      'cloudapi.send',
    ];
    const deadline = Date.now() + 15_000;
    let trace: OtlpSpan[] = [];
    while (Date.now() < deadline) {
      const receive = spans.find(
        (s) => s.name === 'jetstream.publish' && attribute(s, 'taskline.wamid') === wamid,
      );
      trace = receive ? spans.filter((s) => s.traceId === receive.traceId) : [];
      if (expected.every((name) => trace.some((s) => s.name === name))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const names = new Set(trace.map((s) => s.name));
    for (const name of expected) {
      expect(names, `span ${name} in the message's trace`).toContain(name);
    }
    // Parent links form one tree rooted at the webhook.
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const root = trace.find((s) => s.name === 'webhook.receive')!;
    const ancestors = (span: OtlpSpan): string[] =>
      span.parentSpanId && byId.has(span.parentSpanId)
        ? [span.parentSpanId, ...ancestors(byId.get(span.parentSpanId)!)]
        : [];
    for (const span of trace.filter((s) => s !== root))
      expect(ancestors(span), span.name).toContain(root.spanId);
    expect(new Set(trace.map((s) => s.service))).toEqual(new Set(['taskline-webhook', 'taskline-worker']));
    // The tool's SQL is the tool span's child.
    const tool = trace.find((s) => s.name === 'tool.createTask')!;
    expect(trace.some((s) => s.name === 'pg.query' && s.parentSpanId === tool.spanId)).toBe(true);
    // Mastra's own spans are in the tree: its agent run under ours, our tool span inside its tool call.
    const mastra = (type: string) => trace.find((s) => attribute(s, 'mastra.span.type') === type);
    const agentRun = trace.find((s) => s.name === 'agent.run')!;
    expect(mastra('agent_run')?.parentSpanId).toBe(agentRun.spanId);
    expect(mastra('model_generation'), 'the model generation span').toBeDefined();
    expect(tool.parentSpanId).toBe(mastra('tool_call')?.spanId);
    // Attributes identify, never reveal: no message text, no phone number.
    const everything = JSON.stringify(spans);
    expect(everything).not.toContain('quarterly reports');
    expect(everything).not.toContain(PHONE.slice(1));
    expect(
      attribute(
        trace.find((s) => s.name === 'inbound.process')!,
        'taskline.message.type',
      ),
    ).toBe('text');
    const send = trace.find((s) => s.name === 'cloudapi.send')!;
    expect(attribute(send, 'taskline.cloudapi.result')).toBe('accepted');
    // The reply's delivery statuses arrive later as their own traces, linked to the message's.
    const linkDeadline = Date.now() + 10_000;
    let linked: OtlpSpan | undefined;
    while (!linked && Date.now() < linkDeadline) {
      linked = spans.find(
        (s) => s.name === 'status.apply' && s.links?.some((l) => l.traceId === root.traceId),
      );
      if (!linked) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(linked, 'a status span linked to the message trace').toBeDefined();
    expect(linked!.traceId).not.toBe(root.traceId);
  });

  it('counts the traffic on /metrics', async () => {
    const webhookMetrics = await fetch(`${webhook.url}/metrics`).then((r) => r.text());
    expect(webhookMetrics).toMatch(/taskline_webhook_requests_total\{[^}]*outcome="ok"[^}]*\} [1-9]/);
    expect(webhookMetrics).toMatch(/taskline_webhook_events_published_total\{[^}]*kind="inbound"[^}]*\} 1\b/);
    const workerMetrics = await fetch(`${worker.url}/metrics`).then((r) => r.text());
    const value = (pattern: RegExp) => Number(pattern.exec(workerMetrics)?.[1] ?? NaN);
    expect(
      value(/taskline_worker_messages_total\{[^}]*consumer="inbound"[^}]*outcome="done"[^}]*\} (\d+)/),
    ).toBe(1);
    expect(
      value(/taskline_worker_messages_total\{[^}]*consumer="sender"[^}]*outcome="done"[^}]*\} (\d+)/),
    ).toBe(1);
    expect(
      value(/taskline_messages_total\{[^}]*direction="in"[^}]*type="text"[^}]*status="replied"[^}]*\} (\d+)/),
    ).toBe(1);
    expect(value(/taskline_messages_total\{[^}]*direction="out"[^}]*status="accepted"[^}]*\} (\d+)/)).toBe(1);
    expect(value(/taskline_cloudapi_responses_total\{[^}]*result="accepted"[^}]*code="0"[^}]*\} (\d+)/)).toBe(
      1,
    );
    expect(value(/taskline_reply_latency_seconds_count\{[^}]*\} (\d+)/)).toBe(1);
    expect(value(/taskline_tool_seconds_count\{[^}]*tool="createTask"[^}]*\} (\d+)/)).toBe(1);
    expect(value(/taskline_agent_seconds_count\{[^}]*\} (\d+)/)).toBe(1);
    expect(value(/taskline_jetstream_consumer_pending\{[^}]*consumer="worker"[^}]*\} (\d+)/)).toBe(0);
    expect(value(/taskline_dlq_messages\{[^}]*\} (\d+)/)).toBe(0);
    // Bounded labels: no phone number anywhere in the metrics.
    expect(workerMetrics).not.toContain(PHONE.slice(1));
  });

  it('reports the tenant healthy with `taskline health`', async () => {
    const result = await runRole('health', ['--tenant', tenant, '--json'], {
      DATABASE_URL: databaseUrl,
      NATS_URL,
    });
    expect(result.code, result.output).toBe(0);
    const health = JSON.parse(result.output.trim().split('\n').at(-1)!) as {
      status: string;
      lastHour: { received: number };
      queue: { pending: number };
    };
    expect(health).toMatchObject({ status: 'healthy', lastHour: { received: 1 }, queue: { pending: 0 } });
  });
});
