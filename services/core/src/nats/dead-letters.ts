import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AppError } from '../errors.ts';
import { dlqRecordSchema, type DlqRecord } from './payloads.ts';
import { streamName, subjects } from './subjects.ts';

/** A dead letter as people read it: where it sits in the stream, and the record the worker wrote. */
export interface DeadLetter extends DlqRecord {
  /** The DLQ record's own sequence in the tenant's stream (what replay and discard name). */
  seq: number;
}

/**
 * The tenant's dead letters, oldest first, at most `limit`: messages a consumer gave up on after its maximum
 * deliveries, each with the reason and the original payload (DLQ records stay in the tenant's stream, on
 * `taskline.<tenant>.dlq`, until replayed, discarded or aged out with the stream).
 */
export async function listDeadLetters(
  nc: NatsConnection,
  tenant: string,
  limit = 100,
): Promise<DeadLetter[]> {
  const js = jetstream(nc);
  let consumer;
  try {
    consumer = await js.consumers.get(streamName(tenant), { filter_subjects: subjects(tenant).dlq });
  } catch (error) {
    // A tenant whose stream does not exist (yet) has no dead letters.
    if (/stream not found/i.test((error as Error).message)) return [];
    throw error;
  }
  const pending = (await consumer.info()).num_pending;
  const out: DeadLetter[] = [];
  if (pending === 0) return out;
  const batch = await consumer.fetch({ max_messages: Math.min(pending, limit), expires: 2000 });
  for await (const msg of batch) {
    const parsed = dlqRecordSchema.safeParse(msg.json());
    out.push(
      parsed.success
        ? { ...parsed.data, seq: msg.seq }
        : {
            v: 1,
            tenant,
            subject: '?',
            streamSeq: 0,
            deliveries: 0,
            reason: 'unreadable DLQ record',
            payload: msg.string(),
            at: new Date(msg.info.timestampNanos / 1e6).toISOString(),
            seq: msg.seq,
          },
    );
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Puts dead letters back on their original subject for the worker to try again, then removes them from the DLQ.
 * The republish carries a message id per dead letter (its DLQ sequence), so two concurrent replays of the same one
 * publish once, while a message that dies again gets a new DLQ record and can be replayed again; the worker's own
 * idempotency (by wamid and reply key) makes a replay of something already done harmless. Returns what was replayed and what could not be found.
 */
export async function replayDeadLetters(
  nc: NatsConnection,
  jsm: JetStreamManager,
  tenant: string,
  seqs: number[],
): Promise<{ replayed: number[]; missing: number[] }> {
  const js = jetstream(nc);
  const stream = streamName(tenant);
  const dlq = subjects(tenant).dlq;
  const replayed: number[] = [];
  const missing: number[] = [];
  for (const seq of seqs) {
    const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!stored || stored.subject !== dlq) {
      missing.push(seq);
      continue;
    }
    const record = dlqRecordSchema.safeParse(stored.json());
    if (!record.success || !record.data.subject.startsWith(`taskline.${tenant}.`)) {
      throw new AppError('BAD_REQUEST', `dead letter ${seq} is unreadable: discard it instead`);
    }
    await js.publish(record.data.subject, record.data.payload, {
      msgID: `replay:${stream}:${seq}`,
    });
    await jsm.streams.deleteMessage(stream, seq, false);
    replayed.push(seq);
  }
  return { replayed, missing };
}

/** Removes dead letters for good (a message that can never succeed); they remain in the audit trail of the caller. */
export async function discardDeadLetters(
  jsm: JetStreamManager,
  tenant: string,
  seqs: number[],
): Promise<{ discarded: number[]; missing: number[] }> {
  const stream = streamName(tenant);
  const discarded: number[] = [];
  const missing: number[] = [];
  for (const seq of seqs) {
    const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!stored || stored.subject !== subjects(tenant).dlq) missing.push(seq);
    else {
      await jsm.streams.deleteMessage(stream, seq, false);
      discarded.push(seq);
    }
  }
  return { discarded, missing };
}
