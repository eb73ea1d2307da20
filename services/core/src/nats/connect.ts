import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { CONSUMERS, consumerConfig, streamConfig, type StreamOptions } from './subjects.ts';

export type { NatsConnection };

/** Connects to NATS, retrying forever in the background after the first connection was made. */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
}

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

function isNotFound(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/**
 * Creates the tenant's stream and durable consumers, or updates them to the desired configuration. Idempotent:
 * the operator runs it on every reconcile, the roles at start so a dev setup needs no operator.
 */
export async function ensureTenantStream(
  jsm: JetStreamManager,
  tenant: string,
  options: StreamOptions = {},
): Promise<void> {
  const desired = streamConfig(tenant, options);
  try {
    await jsm.streams.info(desired.name);
    await jsm.streams.update(desired.name, desired);
  } catch (error) {
    if (!isNotFound(error, STREAM_NOT_FOUND)) throw error;
    await jsm.streams.add(desired);
  }
  for (const name of Object.values(CONSUMERS)) {
    const config = consumerConfig(tenant, name);
    try {
      await jsm.consumers.info(desired.name, name);
      await jsm.consumers.update(desired.name, name, config);
    } catch (error) {
      if (!isNotFound(error, CONSUMER_NOT_FOUND)) throw error;
      await jsm.consumers.add(desired.name, config);
    }
  }
}

export { jetstreamManager };
