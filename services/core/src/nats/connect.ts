import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { CONSUMERS, consumerConfig, streamConfig, type StreamOptions } from './subjects.ts';

export type { NatsConnection };

/** Connects to NATS, retrying forever in the background after the first connection was made. */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  // noAsyncTraces: nats.js otherwise builds two Error objects (stack traces) for every request and JetStream
  // publish in case it later times out: 14% of the webhook's CPU. A timeout still says what timed out.
  return connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
}

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

function isNotFound(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

export type StreamChange = 'created' | 'updated' | 'unchanged';

/** True when every field we set has the same value in the live configuration. */
function matches(desired: object, live: object): boolean {
  const current = live as Record<string, unknown>;
  return Object.entries(desired).every(
    ([key, value]) => JSON.stringify(current[key]) === JSON.stringify(value),
  );
}

/**
 * Creates the tenant's stream and durable consumers, or updates them to the desired configuration, and says
 * whether anything changed. Idempotent and quiet: an unchanged stream is only read. The operator runs it on
 * every reconcile, the roles at start so a dev setup needs no operator.
 */
export async function ensureTenantStream(
  jsm: JetStreamManager,
  tenant: string,
  options: StreamOptions = {},
): Promise<StreamChange> {
  const desired = streamConfig(tenant, options);
  let change: StreamChange = 'unchanged';
  try {
    const info = await jsm.streams.info(desired.name);
    if (!matches(desired, info.config)) {
      await jsm.streams.update(desired.name, desired);
      change = 'updated';
    }
  } catch (error) {
    if (!isNotFound(error, STREAM_NOT_FOUND)) throw error;
    await jsm.streams.add(desired);
    change = 'created';
  }
  for (const name of Object.values(CONSUMERS)) {
    const config = consumerConfig(tenant, name);
    try {
      const info = await jsm.consumers.info(desired.name, name);
      if (!matches(config, info.config)) {
        await jsm.consumers.update(desired.name, name, config);
        if (change === 'unchanged') change = 'updated';
      }
    } catch (error) {
      if (!isNotFound(error, CONSUMER_NOT_FOUND)) throw error;
      await jsm.consumers.add(desired.name, config);
      if (change === 'unchanged') change = 'updated';
    }
  }
  return change;
}

/** Deletes the tenant's stream (and with it its consumers); false when there was none. */
export async function deleteTenantStream(jsm: JetStreamManager, tenant: string): Promise<boolean> {
  try {
    return await jsm.streams.delete(streamConfig(tenant).name);
  } catch (error) {
    if (isNotFound(error, STREAM_NOT_FOUND)) return false;
    throw error;
  }
}

export { jetstreamManager };
