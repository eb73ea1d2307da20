import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Registry } from 'prom-client';
import {
  createLogger,
  ensureTenantStream,
  securityEventSchema,
  signBody,
  streamName,
  subjects,
  jetStreamPublisher,
} from '@taskline/core';
import { SAMPLES_DIR, deleteStreams, natsForTest, uniqueTenant } from '../../../test/support/services.ts';
import { buildApp } from './app.ts';
import { SignatureFailureReporter } from './security-reports.ts';

const SECRET = 'webhook-int-app-secret';

describe('webhook against the real JetStream', () => {
  const tenant = uniqueTenant('wh');
  const body = readFileSync(new URL('inbound-text.json', SAMPLES_DIR));
  const app = (nc: Awaited<ReturnType<typeof natsForTest>>) =>
    buildApp({
      config: {
        TENANT: tenant,
        WHATSAPP_APP_SECRET: SECRET,
        WHATSAPP_VERIFY_TOKEN: 'v',
        WEBHOOK_BODY_LIMIT: 3_000_000,
      },
      log: createLogger('test', 'silent'),
      registry: new Registry(),
      publisher: jetStreamPublisher(nc, 1000),
    });
  const post = (instance: ReturnType<typeof app>) =>
    instance.inject({
      method: 'POST',
      url: '/webhook',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SECRET) },
      payload: body,
    });
  let nc: Awaited<ReturnType<typeof natsForTest>>;

  beforeAll(async () => {
    nc = await natsForTest();
    await ensureTenantStream(await jetstreamManager(nc), tenant);
  });
  afterAll(async () => {
    await deleteStreams(nc, [tenant]);
    await nc.close();
  });

  it('stores a delivery once, with the wamid as Nats-Msg-Id, however often Meta sends it', async () => {
    const instance = app(nc);
    expect((await post(instance)).statusCode).toBe(200);
    expect((await post(instance)).statusCode).toBe(200);
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(streamName(tenant))).state.messages).toBe(1);

    await jsm.consumers.add(streamName(tenant), {
      durable_name: 'probe',
      ack_policy: AckPolicy.None,
      filter_subject: subjects(tenant).inbound,
    });
    const consumer = await jetstream(nc).consumers.get(streamName(tenant), 'probe');
    const msg = await consumer.next({ expires: 2000 });
    expect(msg?.headers?.get('Nats-Msg-Id')).toBe(
      'wamid.HBgNNTUxMTk5MDAwMDAwMRUCABIYFjNFQjBGQTk4RDVCMTQ2QkU1QTRDAA==',
    );
    expect(msg?.json()).toMatchObject({ tenant, from: '5511990000001' });
    await instance.close();
  });

  it('answers 503 when JetStream cannot be reached', async () => {
    const lost = await natsForTest();
    const instance = app(lost);
    await lost.close();
    const response = await post(instance);
    expect(response.statusCode).toBe(503);
    await instance.close();
  });

  it('reports signature failures as one summed security event per window, and retries one JetStream missed', async () => {
    const jsm = await jetstreamManager(nc);
    const publisher = jetStreamPublisher(nc, 1000);
    let failNext = true;
    const reporter = new SignatureFailureReporter({
      tenant,
      reporter: 'pod-a',
      publisher: {
        publish: (...args) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('no PubAck'));
          }
          return publisher.publish(...args);
        },
      },
      log: createLogger('test', 'silent'),
      windowMs: 60_000,
    });
    const instance = buildApp({
      config: {
        TENANT: tenant,
        WHATSAPP_APP_SECRET: SECRET,
        WHATSAPP_VERIFY_TOKEN: 'v',
        WEBHOOK_BODY_LIMIT: 3_000_000,
      },
      log: createLogger('test', 'silent'),
      registry: new Registry(),
      publisher,
      signatureFailures: reporter,
    });
    for (const signature of [
      signBody(body, 'wrong-secret'),
      undefined,
      'sha256=00',
      signBody(body, 'wrong-secret'),
    ]) {
      const response = await instance.inject({
        method: 'POST',
        url: '/webhook',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        payload: body,
      });
      expect(response.statusCode).toBe(401);
    }
    await reporter.flush(); // JetStream "fails": the report waits
    await jsm.consumers.add(streamName(tenant), {
      durable_name: 'security-probe',
      ack_policy: AckPolicy.None,
      filter_subject: subjects(tenant).security,
    });
    const consumer = await jetstream(nc).consumers.get(streamName(tenant), 'security-probe');
    expect(await consumer.next({ expires: 1000 })).toBeNull();
    await reporter.flush(); // retried, same id
    const msg = await consumer.next({ expires: 2000 });
    const report = securityEventSchema.parse(msg?.json());
    expect(report).toMatchObject({
      tenant,
      kind: 'bad_signature',
      count: 4,
      sources: [{ ip: '127.0.0.1', count: 4 }],
    });
    expect(msg?.headers?.get('Nats-Msg-Id')).toBe(`security:pod-a:${report.window}`);
    expect(await consumer.next({ expires: 1000 })).toBeNull();
    await instance.close();
  });
});
