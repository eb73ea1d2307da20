import pg from 'pg';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { createLogger, openOrm, type MikroORM, type NatsConnection } from '@taskline/core';
import {
  customResourceDefinition,
  operatorConfigSchema,
  startOperator,
  type RunningOperator,
} from '@taskline/operator';
import { Registry } from 'prom-client';
import { startKubeApiServer, type KubeApiTestServer } from '../k8s-api-server/server.ts';
import { freshDatabase, natsForTest } from '../support/services.ts';

/**
 * The operator against the in-process Kubernetes API server (or a real cluster when KUBECONFIG is set),
 * PostgreSQL and NATS; `client` is a separate real client-node, as an admin's kubectl would be.
 */
export interface Harness {
  server: KubeApiTestServer | undefined;
  kubeConfig: KubeConfig;
  client: KubernetesObjectApi;
  orm: MikroORM;
  nc: NatsConnection;
  namespace: string;
  start(env?: Record<string, string>): Promise<RunningOperator>;
  close(): Promise<void>;
}

export const REAL_CLUSTER = Boolean(process.env.KUBECONFIG);

export async function createHarness(suffix: string): Promise<Harness> {
  const server = REAL_CLUSTER ? undefined : await startKubeApiServer();
  const kubeConfig = new KubeConfig();
  if (server) kubeConfig.loadFromString(server.kubeconfig());
  else kubeConfig.loadFromDefault();
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  const crd = toClientModel(customResourceDefinition()) as KubernetesObject;
  await client.patch(crd, undefined, undefined, 'test-admin', true, 'application/apply-patch+yaml');
  const namespace = `op-${suffix}`;
  if (REAL_CLUSTER) {
    await client
      .create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } })
      .catch(() => undefined);
  }
  const databaseUrl = await freshDatabase(`operator_${suffix}`);
  const orm = await openOrm({ databaseUrl });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  const nc = await natsForTest();
  const running: RunningOperator[] = [];
  return {
    server,
    kubeConfig,
    client,
    orm,
    nc,
    namespace,
    async start(env = {}) {
      const config = operatorConfigSchema.parse({
        LEADER_ELECT: 'false',
        WATCH_NAMESPACE: namespace,
        POD_NAMESPACE: namespace,
        RESYNC_SECONDS: '600',
        ...env,
      });
      const operator = await startOperator({
        config,
        kubeConfig,
        db,
        nc,
        log: createLogger('operator-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
        registry: new Registry(),
      });
      running.push(operator);
      return operator;
    },
    async close() {
      for (const operator of running) await operator.stop();
      await nc.close();
      await orm.close();
      await db.end();
      await server?.stop();
    },
  };
}

/**
 * client-node serializes built-in kinds through its generated models, which read `_default` and
 * `x_kubernetes_validations` where the JSON says `default` and `x-kubernetes-validations`: a plain CRD object
 * would lose its defaults and CEL rules on the way. This renames those keys to the model's names.
 */
const MODEL_KEYS: Record<string, string> = {
  default: '_default',
  'x-kubernetes-validations': 'x_kubernetes_validations',
  'x-kubernetes-list-type': 'x_kubernetes_list_type',
  'x-kubernetes-list-map-keys': 'x_kubernetes_list_map_keys',
  'x-kubernetes-preserve-unknown-fields': 'x_kubernetes_preserve_unknown_fields',
};
export function toClientModel(value: unknown, inSchema = false): unknown {
  if (Array.isArray(value)) return value.map((item) => toClientModel(item, inSchema));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const schema = inSchema || key === 'openAPIV3Schema';
      // Property names inside `properties` are data, not schema keywords.
      const renamed = inSchema && MODEL_KEYS[key] ? MODEL_KEYS[key] : key;
      if (key === 'properties' && inSchema) {
        return [
          key,
          Object.fromEntries(Object.entries(item as object).map(([p, s]) => [p, toClientModel(s, true)])),
        ];
      }
      if (key === 'default' && inSchema) return [renamed, item];
      return [renamed, toClientModel(item, schema)];
    }),
  );
}

/** Polls `check` until it returns a value other than undefined/false, or fails with the last state. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the operator's queue is empty and nothing is being processed for a moment. */
export async function settled(operator: RunningOperator, quietMs = 300): Promise<void> {
  let quietSince = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const depth = operator.controller()?.queue.depth ?? 0;
    if (depth > 0 || operator.controller()?.queue.busy) quietSince = Date.now();
    if (Date.now() - quietSince >= quietMs) return;
  }
}
