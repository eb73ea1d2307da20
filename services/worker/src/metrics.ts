import type { JetStreamManager } from '@nats-io/jetstream';
import { CONSUMERS, subjects, type Logger } from '@taskline/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The worker's Prometheus metrics (docs/operations.md). The registry carries `role` and `tenant` labels; no label
 * holds a phone number or a user id, so cardinality stays bounded by types, codes and outcomes.
 */
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

const LATENCY = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30];

export function createWorkerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    settled: new Counter({
      name: 'taskline_worker_messages_total',
      help: 'JetStream messages settled by the worker, by consumer and outcome (done, retry, invalid, error)',
      labelNames: ['consumer', 'outcome'],
      registers,
    }),
    duration: new Histogram({
      name: 'taskline_worker_handle_seconds',
      help: 'Time to handle one message, by consumer',
      labelNames: ['consumer'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    messages: new Counter({
      name: 'taskline_messages_total',
      help: 'WhatsApp messages by direction (in, out), type and status',
      labelNames: ['direction', 'type', 'status'],
      registers,
    }),
    deliveryStatuses: new Counter({
      name: 'taskline_delivery_statuses_total',
      help: 'Delivery statuses received for our messages (sent, delivered, read, failed)',
      labelNames: ['status'],
      registers,
    }),
    replyLatency: new Histogram({
      name: 'taskline_reply_latency_seconds',
      help: 'From the webhook receiving a message to the Cloud API accepting its reply',
      buckets: LATENCY,
      registers,
    }),
    reminderLag: new Histogram({
      name: 'taskline_reminder_lag_seconds',
      help: 'From a reminder being due to the Cloud API accepting it',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    circuitState: new Gauge({
      name: 'taskline_circuit_state',
      help: 'The Cloud API circuit breaker: 0 closed, 1 half-open (probing), 2 open (replies wait in JetStream)',
      registers,
    }),
    suspicious: new Counter({
      name: 'taskline_suspicious_events_total',
      help: 'Suspicious activity seen by the worker (burst: one number over its per-minute limit; tenant_limit: a message over the tenant per-minute limit; unknown_sender: an unmapped number wrote), each also in the audit log',
      labelNames: ['kind'],
      registers,
    }),
    databaseState: new Gauge({
      name: 'taskline_database_circuit_state',
      help: 'PostgreSQL as the worker sees it: 0 up, 1 probing, 2 unreachable (consumers paused)',
      registers,
    }),
    circuitTransitions: new Counter({
      name: 'taskline_circuit_transitions_total',
      help: 'Circuit breaker transitions, by the state entered',
      labelNames: ['to'],
      registers,
    }),
    cloudApi: new Counter({
      name: 'taskline_cloudapi_responses_total',
      help: 'Cloud API send results (accepted, retry, permanent) by error code (0 when accepted)',
      labelNames: ['result', 'code'],
      registers,
    }),
    agent: new Histogram({
      name: 'taskline_agent_seconds',
      help: 'Time the assistant took for one message (model and tools)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    tools: new Histogram({
      name: 'taskline_tool_seconds',
      help: 'Time one assistant tool took, by tool and result',
      labelNames: ['tool', 'ok'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
  };
}

/**
 * JetStream gauges read when Prometheus scrapes: each consumer's pending, unacknowledged and redelivered
 * messages, and the dead-letter subject's size.
 */
export function registerJetStreamGauges(
  registry: Registry,
  jsm: JetStreamManager,
  stream: string,
  tenant: string,
  log: Logger,
): void {
  let last = 0;
  let reading: Promise<void> | undefined;
  const state = {
    consumers: new Map<string, { pending: number; ackPending: number; redelivered: number }>(),
    dlq: 0,
  };
  // One read of JetStream per scrape, shared by the gauges below.
  const refresh = (): Promise<void> => {
    if (reading && Date.now() - last < 1000) return reading;
    last = Date.now();
    reading = (async () => {
      try {
        for (const name of Object.values(CONSUMERS)) {
          const info = await jsm.consumers.info(stream, name);
          state.consumers.set(name, {
            pending: info.num_pending,
            ackPending: info.num_ack_pending,
            redelivered: info.num_redelivered,
          });
        }
        const dlq = subjects(tenant).dlq;
        const info = await jsm.streams.info(stream, { subjects_filter: dlq });
        state.dlq = info.state.subjects?.[dlq] ?? 0;
      } catch (error) {
        log.debug({ err: error }, 'JetStream gauges unavailable');
      }
    })();
    return reading;
  };
  const consumerGauge = (name: string, help: string, field: 'pending' | 'ackPending' | 'redelivered') =>
    new Gauge({
      name,
      help,
      labelNames: ['consumer'],
      registers: [registry],
      async collect() {
        await refresh();
        for (const [consumer, values] of state.consumers) this.set({ consumer }, values[field]);
      },
    });
  consumerGauge(
    'taskline_jetstream_consumer_pending',
    'Messages not yet delivered to the consumer',
    'pending',
  );
  consumerGauge(
    'taskline_jetstream_consumer_ack_pending',
    'Messages delivered, not yet acknowledged',
    'ackPending',
  );
  consumerGauge(
    'taskline_jetstream_consumer_redelivered',
    'Messages delivered more than once, now pending',
    'redelivered',
  );
  new Gauge({
    name: 'taskline_dlq_messages',
    help: 'Messages on the dead-letter subject of the tenant stream',
    registers: [registry],
    async collect() {
      await refresh();
      this.set(state.dlq);
    },
  });
}
