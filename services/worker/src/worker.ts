import { jetstream, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { Assistant } from '@taskline/assistant';
import type { NatsConnection } from '@nats-io/transport-node';
import { Counter, Histogram, type Registry } from 'prom-client';
import {
  CONSUMERS,
  inboundEventSchema,
  msgIds,
  outboundMessageSchema,
  statusEventSchema,
  streamName,
  subjects,
  type Logger,
  type MikroORM,
  type OutboundMessage,
  type Tenant,
} from '@taskline/core';
import { startConsumerLoop, type RunningLoop } from './consumer-loop.ts';
import { handleInbound, peerOf } from './inbound.handler.ts';
import { handleStatus } from './status.handler.ts';
import { handleOutbound } from './sender/outbound.handler.ts';
import { CloudApiClient } from './sender/cloud-api.client.ts';
import { done, retry, type Outcome } from './outcome.ts';
import { startScheduler } from './scheduler/reminder.scheduler.ts';

export interface WorkerDeps {
  orm: MikroORM;
  nc: NatsConnection;
  tenant: Tenant;
  phoneNumberId: string;
  api: { apiUrl: string; accessToken: string };
  concurrency: number;
  assistant: Assistant;
  log: Logger;
  registry: Registry;
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
  const stream = streamName(tenant.slug);
  const s = subjects(tenant.slug);
  const metrics = workerMetrics(deps.registry);
  const api = new CloudApiClient({ ...deps.api, phoneNumberId: deps.phoneNumberId });
  const common = { js, tenant: tenant.slug, dlqSubject: s.dlq, log };
  const observe = (consumer: string) => (outcome: string) => metrics.settled.inc({ consumer, outcome });
  const timed = async <R>(consumer: string, work: () => Promise<R>): Promise<R> => {
    const end = metrics.duration.startTimer({ consumer });
    try {
      return await work();
    } finally {
      end();
    }
  };

  const loops: RunningLoop[] = [];
  loops.push(
    await startConsumerLoop({
      ...common,
      name: 'inbound',
      consumer: await js.consumers.get(stream, CONSUMERS.worker),
      concurrency: deps.concurrency,
      parse: (msg) => inboundEventSchema.parse(msg.json()),
      keyOf: peerOf,
      handle: (event) =>
        timed('inbound', async () => {
          // The user sees the message read and "typing…" while the assistant works; best effort.
          if (!event.message.errors && event.type !== 'reaction') {
            void api.markRead(event.wamid).then((r) => {
              if (r.kind !== 'accepted')
                log.debug({ wamid: event.wamid, result: r.kind }, 'mark-read failed');
            });
          }
          const result = await handleInbound(event, deps);
          if (result.kind === 'ignored') {
            log.warn({ wamid: event.wamid, reason: result.reason }, 'inbound message ignored');
            return done;
          }
          return publishReplies(js, s.outbound, result.outbound);
        }),
      onSettled: observe('inbound'),
    }),
  );
  loops.push(
    await startConsumerLoop({
      ...common,
      name: 'status',
      consumer: await js.consumers.get(stream, CONSUMERS.status),
      concurrency: deps.concurrency,
      parse: (msg) => statusEventSchema.parse(msg.json()),
      keyOf: (event) => event.wamid,
      handle: (event, msg: JsMsg) => timed('status', () => handleStatus(event, deps, msg.info.deliveryCount)),
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
      handle: (message) => timed('sender', () => handleOutbound(message, { ...deps, api })),
      onSettled: observe('sender'),
    }),
  );
  const scheduler = startScheduler({
    orm: deps.orm,
    tenant,
    log,
    publish: async (message) => {
      await js.publish(s.outbound, JSON.stringify(message), { msgID: msgIds.outbound(message) });
    },
  });
  log.info({ tenant: tenant.slug, stream, concurrency: deps.concurrency }, 'worker consuming');

  return {
    async stop() {
      await scheduler.stop();
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}

async function publishReplies(
  js: JetStreamClient,
  subject: string,
  replies: OutboundMessage[],
): Promise<Outcome> {
  try {
    await Promise.all(
      replies.map((reply) => js.publish(subject, JSON.stringify(reply), { msgID: msgIds.outbound(reply) })),
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

function workerMetrics(registry: Registry) {
  return {
    settled: new Counter({
      name: 'taskline_worker_messages_total',
      help: 'JetStream messages settled by the worker, by consumer and outcome',
      labelNames: ['consumer', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'taskline_worker_handle_seconds',
      help: 'Time to handle one message, by consumer',
      labelNames: ['consumer'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
