import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiscardPolicy } from '@nats-io/jetstream';
import { deleteStreams, natsForTest, uniqueTenant } from '../../../../test/support/services.ts';
import { ensureTenantStream, jetstreamManager, type NatsConnection } from './connect.ts';
import { jetStreamPublisher } from './publisher.ts';
import { subjects } from './subjects.ts';

describe('the JetStream publisher', () => {
  const tenant = uniqueTenant('pub');
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await natsForTest();
    await ensureTenantStream(await jetstreamManager(nc), tenant);
  });
  afterAll(async () => {
    await deleteStreams(nc, [tenant]);
    await nc?.close();
  });

  it('publishes concurrent deliveries together, each answered by its own PubAck', async () => {
    const publisher = jetStreamPublisher(nc, 1000);
    const subject = subjects(tenant).status;
    const sockets = vi.spyOn(Socket.prototype, 'write');
    try {
      // Each from its own callback, as deliveries read from different sockets in one turn of the event loop.
      const acks = await Promise.all(
        ['c1', 'c2', 'c1', 'c3'].map(
          (id) =>
            new Promise<{ duplicate: boolean }>((resolve, reject) =>
              setImmediate(() => {
                publisher.publish(subject, `{"id":"${id}"}`, `concurrent-${id}`).then(resolve, reject);
              }),
            ),
        ),
      );
      expect(acks.map((ack) => ack.duplicate)).toEqual([false, false, true, false]);
      // One write to the NATS socket carried all four publishes.
      const text = (chunk: unknown) => Buffer.from(chunk as Uint8Array).toString();
      const published = sockets.mock.calls
        .map(([chunk]) => text(chunk))
        .filter((t) => t.includes('concurrent-'));
      expect(published).toHaveLength(1);
      expect(published[0]!.match(/HPUB /g)).toHaveLength(4);
    } finally {
      sockets.mockRestore();
    }
  });

  it('fails a publish no stream takes at once, one JetStream refuses with its reason, one not acknowledged in time', async () => {
    const publisher = jetStreamPublisher(nc, 300);
    const jsm = await jetstreamManager(nc);
    const full = `full-${tenant}`;
    await jsm.streams.add({ name: full, subjects: [`${full}.>`], max_msgs: 1, discard: DiscardPolicy.New });
    const silent = nc.subscribe(`silent-${tenant}.>`, { callback: () => undefined });
    try {
      const started = Date.now();
      await expect(publisher.publish(`nowhere-${tenant}.x`, '{}', 'n1')).rejects.toThrow(
        /no JetStream stream/,
      );
      expect(Date.now() - started).toBeLessThan(300);

      await expect(publisher.publish(`${full}.x`, '{}', 'f1')).resolves.toEqual({ duplicate: false });
      await expect(publisher.publish(`${full}.x`, '{}', 'f2')).rejects.toThrow(
        /JetStream refused the message: maximum messages exceeded \(503\)/,
      );
      await expect(publisher.publish(`silent-${tenant}.x`, '{}', 's1')).rejects.toThrow(
        'JetStream did not acknowledge within 300 ms',
      );
    } finally {
      silent.unsubscribe();
      await jsm.streams.delete(full);
    }
  });
});
