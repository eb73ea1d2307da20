import type { Consumer, ConsumerMessages, JsMsg, JetStreamClient } from '@nats-io/jetstream';
import {
  ACK_WAIT_MS,
  MAX_DELIVER,
  SpanKind,
  backoffMs,
  contextFrom,
  inSpan,
  type Attributes,
  type DlqRecord,
  type Logger,
} from '@taskline/core';
import type { Outcome } from './outcome.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';

export interface ConsumerLoopOptions<T> {
  name: string;
  consumer: Consumer;
  js: JetStreamClient;
  tenant: string;
  dlqSubject: string;
  /** Messages handled at once; also bounds how many are pulled ahead. */
  concurrency: number;
  /** Parses and validates the payload; a throw sends the message to the DLQ at once (it can never succeed). */
  parse: (msg: JsMsg) => T;
  /** Messages with the same key are handled one after the other, in stream order. */
  keyOf: (payload: T) => string;
  handle: (payload: T, msg: JsMsg) => Promise<Outcome>;
  /** What the message's span says about it (ids, types; never message text or phone numbers). */
  spanAttributes?: (payload: T) => Attributes;
  log: Logger;
  onSettled?: (outcome: Outcome['kind'] | 'error', msg: JsMsg) => void;
  /**
   * A dependency whose outage should pause the loop rather than spend deliveries (PostgreSQL): handlers wait at
   * its breaker while it is open, and an error `isOutage` recognises counts toward opening it.
   */
  outage?: { breaker: CircuitBreaker; isOutage: (error: unknown) => boolean };
}

export interface RunningLoop {
  /** Stops pulling, waits for the messages in hand to settle. */
  stop(): Promise<void>;
  /** Resolves when the loop ends by itself (consumer deleted, connection closed). */
  done: Promise<void>;
}

/**
 * Owns a durable pull consumer's messages: pulls, runs different keys in parallel and one key in order, and
 * settles each message exactly once from the handler's outcome (done -> ack, retry -> nak with delay,
 * invalid or out of deliveries -> term + DLQ record). Memory is bounded by `concurrency`.
 */
export async function startConsumerLoop<T>(options: ConsumerLoopOptions<T>): Promise<RunningLoop> {
  const { consumer, concurrency, log } = options;
  const messages: ConsumerMessages = await consumer.consume({ max_messages: concurrency });
  const lanes = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let freeSlot: (() => void) | undefined;
  // Every message in hand, running or waiting in its lane, gets a heartbeat well within the ack wait, so only the
  // messages of a process that died are redelivered.
  const inHand = new Set<JsMsg>();
  const heartbeat = setInterval(() => inHand.forEach((msg) => msg.working()), ACK_WAIT_MS / 3);

  const settle = async (msg: JsMsg): Promise<void> => {
    let payload: T;
    try {
      payload = options.parse(msg);
    } catch (error) {
      await deadLetter(
        options,
        msg,
        `invalid payload: ${error instanceof Error ? error.message : String(error)}`,
      );
      options.onSettled?.('invalid', msg);
      return;
    }
    let outcome: Outcome;
    // While the dependency is down, wait here: the message stays in hand (heartbeats), no delivery is spent.
    await options.outage?.breaker.enter();
    try {
      // The span continues the trace the publisher put in the message headers (webhook, worker or scheduler).
      outcome = await inSpan(
        `${options.name}.process`,
        {
          kind: SpanKind.CONSUMER,
          parent: contextFrom((key) => msg.headers?.get(key)),
          attributes: () => ({
            'taskline.tenant': options.tenant,
            'messaging.destination.name': msg.subject,
            'messaging.message.delivery_count': msg.info.deliveryCount,
            ...options.spanAttributes?.(payload),
          }),
        },
        async (span) => {
          const result = await options.handle(payload, msg);
          span.setAttribute('taskline.outcome', result.kind);
          return result;
        },
      );
      options.outage?.breaker.success();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (options.outage?.isOutage(error)) options.outage.breaker.failure(reason);
      else options.outage?.breaker.success();
      log.error(
        { err: error, seq: msg.seq, deliveries: msg.info.deliveryCount },
        `${options.name}: handler failed`,
      );
      outcome = { kind: 'retry', delayMs: backoffMs(msg.info.deliveryCount), reason };
      options.onSettled?.('error', msg);
    }
    switch (outcome.kind) {
      case 'done':
        msg.ack();
        break;
      case 'retry':
        if (msg.info.deliveryCount >= MAX_DELIVER) {
          await deadLetter(
            options,
            msg,
            `gave up after ${msg.info.deliveryCount} deliveries: ${outcome.reason}`,
          );
        } else {
          msg.nak(outcome.delayMs);
        }
        break;
      case 'invalid':
        await deadLetter(options, msg, outcome.reason);
        break;
    }
    options.onSettled?.(outcome.kind, msg);
  };

  const schedule = (msg: JsMsg): Promise<void> => {
    let key: string;
    try {
      key = options.keyOf(options.parse(msg));
    } catch {
      key = `invalid:${msg.seq}`;
    }
    inHand.add(msg);
    const previous = lanes.get(key) ?? Promise.resolve();
    const current = previous.then(() => settle(msg));
    lanes.set(key, current);
    const tracked = current.finally(() => {
      inHand.delete(msg);
      if (lanes.get(key) === current) lanes.delete(key);
      inFlight.delete(tracked);
      freeSlot?.();
    });
    inFlight.add(tracked);
    return tracked;
  };

  const done = (async () => {
    for await (const msg of messages) {
      void schedule(msg);
      while (inFlight.size >= concurrency) {
        await new Promise<void>((resolve) => (freeSlot = resolve));
      }
    }
    await Promise.allSettled([...inFlight]);
  })().finally(() => clearInterval(heartbeat));

  return {
    done,
    async stop() {
      messages.stop();
      await done;
      await messages.close().catch(() => undefined);
    },
  };
}

async function deadLetter<T>(options: ConsumerLoopOptions<T>, msg: JsMsg, reason: string): Promise<void> {
  const record: DlqRecord = {
    v: 1,
    tenant: options.tenant,
    subject: msg.subject,
    streamSeq: msg.seq,
    deliveries: msg.info.deliveryCount,
    reason,
    payload: msg.string(),
    at: new Date().toISOString(),
  };
  try {
    await options.js.publish(options.dlqSubject, JSON.stringify(record), {
      msgID: `dlq:${msg.subject}:${msg.seq}`,
    });
    msg.term(reason.slice(0, 200));
    options.log.warn(
      { seq: msg.seq, subject: msg.subject, reason },
      `${options.name}: message moved to the DLQ`,
    );
  } catch (error) {
    // Without the DLQ record the message must stay in the stream: redeliver it later.
    options.log.error({ err: error, seq: msg.seq }, `${options.name}: could not write the DLQ record`);
    msg.nak(5000);
  }
}
