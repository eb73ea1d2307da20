import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { observeTools, type Assistant } from '@taskline/assistant';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Registry } from 'prom-client';
import { createWorkerMetrics, registerJetStreamGauges } from './metrics.ts';
import {
  CONSUMERS,
  rollupRecent,
  SpanKind,
  inSpan,
  pseudonym,
  traceHeaders,
  inboundEventSchema,
  jetStreamPublisher,
  msgIds,
  outboundMessageSchema,
  statusEventSchema,
  securityEventSchema,
  streamName,
  subjects,
  type Logger,
  type MikroORM,
  type OutboundMessage,
  type Publisher,
  type Tenant,
} from '@taskline/core';
import { startConsumerLoop, type RunningLoop } from './consumer-loop.ts';
import { handleInbound, peerOf } from './inbound.handler.ts';
import { handleSecurityEvent } from './security.handler.ts';
import { TenantInboundRate } from './tenant-inbound-rate.ts';
import { handleStatus, statusBatch } from './status.handler.ts';
import { handleOutbound, senderBatches } from './sender/outbound.handler.ts';
import { CloudApiClient } from './sender/cloud-api.client.ts';
import { TokenBucket } from './sender/rate-limit.ts';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import { isDatabaseOutage } from './database-outage.ts';

const CIRCUIT_GAUGE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };
import { done, retry, type Outcome } from './outcome.ts';
import { startScheduler } from './scheduler/reminder.scheduler.ts';

const ROLLUP_INTERVAL_MS = 5 * 60_000;

export interface WorkerDeps {
  orm: MikroORM;
  nc: NatsConnection;
  tenant: Tenant;
  phoneNumberId: string;
  api: { apiUrl: string; accessToken: string; timeoutMs?: number };
  concurrency: number;
  assistant: Assistant;
  log: Logger;
  registry: Registry;
  /** Inbound messages one sender may send per minute before they are no longer answered (default 20). */
  senderPerMinute?: number;
  /** Inbound messages the whole tenant may receive per minute, across replicas (default 6000). */
  tenantPerMinute?: number;
  /** Cloud API protection: sends per second for the number, and the circuit breaker's threshold and cooldown. */
  resilience?: { sendRate: number; circuitFailures: number; circuitCooldownMs: number };
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * Starts the tenant's three consumer loops: inbound messages (the assistant), delivery statuses, and the sender
 * that talks to the Cloud API. Returns a handle that stops pulling and waits for the messages in hand.
 */
export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const { nc, tenant, log } = deps;
  const js = jetstream(nc);
  // Replies and reminders go out through the PubAck publisher the webhook uses (no request object per publish).
  const publisher = jetStreamPublisher(nc);
  const stream = streamName(tenant.slug);
  const s = subjects(tenant.slug);
  const metrics = createWorkerMetrics(deps.registry);
  registerJetStreamGauges(deps.registry, await jetstreamManager(nc), stream, tenant.slug, log);
  observeTools((tool, seconds, ok) => metrics.tools.observe({ tool, ok: String(ok) }, seconds));
  const api = new CloudApiClient({ ...deps.api, phoneNumberId: deps.phoneNumberId });
  const tenantLimit = {
    perMinute: deps.tenantPerMinute ?? 6000,
    rate: new TenantInboundRate(deps.orm, tenant.id),
  };
  const resilience = deps.resilience ?? { sendRate: 80, circuitFailures: 5, circuitCooldownMs: 30_000 };
  const breaker = new CircuitBreaker({
    failures: resilience.circuitFailures,
    cooldownMs: resilience.circuitCooldownMs,
    onChange: (state, reason) => {
      metrics.circuitState.set(CIRCUIT_GAUGE[state]);
      metrics.circuitTransitions.inc({ to: state });
      const line = { tenant: tenant.slug, state, reason };
      if (state === 'open')
        log.error(line, 'Cloud API circuit open: replies wait in JetStream until it answers');
      else log.warn(line, `Cloud API circuit ${state}`);
    },
  });
  const guard = { breaker, bucket: new TokenBucket(resilience.sendRate) };
  const sends = senderBatches(deps.orm, deps.tenant.id);
  const jsm = await jetstreamManager(nc);
  const statusBacklog = async () => {
    const info = await jsm.consumers.info(stream, CONSUMERS.status);
    return info.num_pending + info.num_ack_pending;
  };
  // PostgreSQL down: every loop pauses (messages stay in JetStream or in hand) and probes until it is back.
  const database = new CircuitBreaker({
    failures: 2,
    cooldownMs: 1000,
    maxCooldownMs: 8000,
    onChange: (state, reason) => {
      metrics.databaseState.set(CIRCUIT_GAUGE[state]);
      const line = { tenant: tenant.slug, state, reason };
      if (state === 'open') log.error(line, 'PostgreSQL unreachable: pausing the consumers until it answers');
      else log.warn(line, `PostgreSQL circuit ${state}`);
    },
  });
  const common = {
    js,
    tenant: tenant.slug,
    dlqSubject: s.dlq,
    log,
    outage: { breaker: database, isOutage: isDatabaseOutage },
  };
  const observe = (consumer: string) => (outcome: string) => metrics.settled.inc({ consumer, outcome });
  const timed = async <R>(consumer: string, work: () => Promise<R>): Promise<R> => {
    const end = metrics.duration.startTimer({ consumer });
    try {
      return await work();
    } finally {
      end();
    }
  };

  const scheduler = startScheduler({
    orm: deps.orm,
    tenant,
    log,
    publish: (message) =>
      inSpan(
        'reminder.publish',
        { kind: SpanKind.PRODUCER, attributes: { 'taskline.reply_key': message.replyKey } },
        async () => {
          await publisher.publish(
            s.outbound,
            JSON.stringify(message),
            msgIds.outbound(message),
            traceHeaders(),
          );
        },
      ),
  });
  const loops: RunningLoop[] = [];
  loops.push(
    await startConsumerLoop({
      ...common,
      name: 'inbound',
      consumer: await js.consumers.get(stream, CONSUMERS.worker),
      concurrency: deps.concurrency,
      parse: (msg) => inboundEventSchema.parse(msg.json()),
      keyOf: peerOf,
      spanAttributes: (event) => ({
        'taskline.wamid': event.wamid,
        'taskline.message.type': event.type,
        'taskline.user': pseudonym(event.userId ?? event.from ?? ''),
      }),
      handle: (event) =>
        timed('inbound', async () => {
          // The user sees the message read and "typing…" while the assistant works; best effort.
          if (!event.message.errors && event.type !== 'reaction') {
            void api.markRead(event.wamid).then((r) => {
              if (r.kind !== 'accepted')
                log.debug({ wamid: event.wamid, result: r.kind }, 'mark-read failed');
            });
          }
          const result = await handleInbound(event, { ...deps, metrics, tenantLimit });
          // The message may have set a reminder: the scheduler, idle or not, ticks every second again.
          scheduler.active();
          metrics.messages.inc({ direction: 'in', type: event.type, status: result.kind });
          if (result.kind === 'ignored') {
            log.warn({ wamid: event.wamid, reason: result.reason }, 'inbound message ignored');
            return done;
          }
          return publishReplies(publisher, s.outbound, result.outbound);
        }),
      onSettled: observe('inbound'),
    }),
  );
  const statuses = statusBatch(deps.orm, deps.tenant.id);
  loops.push(
    await startConsumerLoop({
      ...common,
      name: 'status',
      consumer: await js.consumers.get(stream, CONSUMERS.status),
      concurrency: deps.concurrency,
      parse: (msg) => statusEventSchema.parse(msg.json()),
      keyOf: (event) => event.wamid,
      spanAttributes: (event) => ({ 'taskline.wamid': event.wamid, 'taskline.status': event.status }),
      handle: (event, msg: JsMsg) =>
        timed('status', () => {
          metrics.deliveryStatuses.inc({ status: event.status });
          return handleStatus(event, { ...deps, statusBatch: statuses }, msg.info.deliveryCount);
        }),
      onSettled: observe('status'),
    }),
  );
  loops.push(
    await startConsumerLoop({
      ...common,
      name: 'sender',
      consumer: await js.consumers.get(stream, CONSUMERS.sender),
      concurrency: deps.concurrency,
      parse: (msg) => outboundMessageSchema.parse(msg.json()),
      keyOf: (message) => message.to,
      spanAttributes: (message) => ({ 'taskline.reply_key': message.replyKey }),
      handle: (message) =>
        timed('sender', () =>
          handleOutbound(message, { ...deps, api, metrics, guard, statusBacklog, batches: sends }),
        ),
      onSettled: observe('sender'),
    }),
  );
  loops.push(
    await startConsumerLoop({
      ...common,
      name: 'security',
      consumer: await js.consumers.get(stream, CONSUMERS.security),
      concurrency: 1,
      parse: (msg) => securityEventSchema.parse(msg.json()),
      keyOf: (event) => event.reporter,
      spanAttributes: (event) => ({ 'taskline.security.kind': event.kind }),
      handle: async (event) => {
        if ((await handleSecurityEvent(event, { ...deps, metrics })) === 'recorded') {
          log.warn(
            { kind: event.kind, count: event.count, sources: event.sources.length },
            'webhook security report audited',
          );
        }
        return done;
      },
      onSettled: observe('security'),
    }),
  );
  // Hourly analytics, refreshed every few minutes; idempotent, so every replica may run it.
  const rollup = () =>
    rollupRecent(deps.orm, tenant.id).catch((error: unknown) =>
      log.warn({ err: error }, 'analytics rollup failed'),
    );
  const rollupTimer = setInterval(() => void rollup(), ROLLUP_INTERVAL_MS);
  rollupTimer.unref();
  log.info({ tenant: tenant.slug, stream, concurrency: deps.concurrency }, 'worker consuming');

  return {
    async stop() {
      clearInterval(rollupTimer);
      await scheduler.stop();
      // Replies waiting on an open circuit go back to JetStream (nak) instead of holding the shutdown.
      breaker.close();
      database.close();
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}

async function publishReplies(
  publisher: Publisher,
  subject: string,
  replies: OutboundMessage[],
): Promise<Outcome> {
  try {
    await Promise.all(
      replies.map((reply) =>
        publisher.publish(subject, JSON.stringify(reply), msgIds.outbound(reply), traceHeaders()),
      ),
    );
    return done;
  } catch (error) {
    // The replies are committed as queued: the redelivered inbound message publishes them again.
    return retry(
      1000,
      `could not publish the reply: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
