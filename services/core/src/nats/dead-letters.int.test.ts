import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { deleteStreams, natsForTest, uniqueTenant } from '../../../../test/support/services.ts';
import { runRole } from '../../../../test/support/processes.ts';
import { ensureTenantStream, jetstreamManager, type NatsConnection } from './connect.ts';
import { discardDeadLetters, listDeadLetters, replayDeadLetters } from './dead-letters.ts';
import { streamName, subjects } from './subjects.ts';
import type { DlqRecord } from './payloads.ts';

describe('dead letters', () => {
  const tenant = uniqueTenant('dlq');
  let nc: NatsConnection;

  /** Writes a DLQ record the way the worker's consumer loop does, for a message on `subject`. */
  const bury = async (subject: string, payload: string, streamSeq: number) => {
    const record: DlqRecord = {
      v: 1,
      tenant,
      subject,
      streamSeq,
      deliveries: 5,
      reason: 'TypeError: boom',
      payload,
      at: new Date().toISOString(),
    };
    await jetstream(nc).publish(subjects(tenant).dlq, JSON.stringify(record), {
      msgID: `dlq:${subject}:${streamSeq}`,
    });
  };

  beforeAll(async () => {
    nc = await natsForTest();
    await ensureTenantStream(await jetstreamManager(nc), tenant);
  });
  afterAll(async () => {
    await deleteStreams(nc, [tenant]);
    await nc?.close();
  });

  it('lists, replays onto the original subject once, and discards', async () => {
    const jsm = await jetstreamManager(nc);
    await bury(subjects(tenant).inbound, '{"wamid":"wamid.one"}', 11);
    await bury(subjects(tenant).outbound, '{"replyKey":"r2"}', 12);
    await bury(subjects(tenant).inbound, '{"wamid":"wamid.three"}', 13);
    const letters = await listDeadLetters(nc, tenant);
    expect(letters.map((l) => [l.subject, l.streamSeq, l.reason])).toEqual([
      [subjects(tenant).inbound, 11, 'TypeError: boom'],
      [subjects(tenant).outbound, 12, 'TypeError: boom'],
      [subjects(tenant).inbound, 13, 'TypeError: boom'],
    ]);

    const before = (await jsm.streams.info(streamName(tenant), { subjects_filter: subjects(tenant).inbound }))
      .state.subjects?.[subjects(tenant).inbound];
    const first = await replayDeadLetters(nc, jsm, tenant, [letters[0]!.seq, letters[0]!.seq, 999_999]);
    expect(first).toEqual({ replayed: [letters[0]!.seq], missing: [letters[0]!.seq, 999_999] });
    const after = (await jsm.streams.info(streamName(tenant), { subjects_filter: subjects(tenant).inbound }))
      .state.subjects?.[subjects(tenant).inbound];
    expect((after ?? 0) - (before ?? 0)).toBe(1);
    const last = await jsm.streams.getMessage(streamName(tenant), { last_by_subj: subjects(tenant).inbound });
    expect(last?.string()).toBe('{"wamid":"wamid.one"}');

    expect(await discardDeadLetters(jsm, tenant, [letters[1]!.seq])).toEqual({
      discarded: [letters[1]!.seq],
      missing: [],
    });
    expect((await listDeadLetters(nc, tenant)).map((l) => l.streamSeq)).toEqual([13]);
  });

  it('is run by admins with `taskline dlq`, which explains bad arguments', async () => {
    const env = { NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' };
    const list = await runRole('dlq', ['list', '--tenant', tenant], env);
    expect(list.code, list.output).toBe(0);
    expect(list.output).toMatch(/after 5 deliveries: TypeError: boom/);
    const replay = await runRole('dlq', ['replay', '--tenant', tenant, '--all'], env);
    expect(replay.output.trim()).toBe('replayed 1');
    expect((await runRole('dlq', ['list', '--tenant', tenant], env)).output.trim()).toBe(
      `no dead letters for ${tenant}`,
    );
    const bad = await runRole('dlq', ['replay', '--tenant', tenant, '--seq', 'x'], env);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/--seq x: not a sequence number/);
  });
});
