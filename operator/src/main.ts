import Fastify from 'fastify';
import pg from 'pg';
import {
  connectNats,
  createLogger,
  createRegistry,
  loadConfig,
  registerOpsRoutes,
  startTelemetry,
  stopOnSignals,
} from '@taskline/core/base';
import { operatorConfigSchema } from './config.ts';
import { loadKubeConfig } from './kube/client.ts';
import { startOperator } from './operator.ts';

/** A watch silent for this long means the operator is stuck: /healthz fails and Kubernetes restarts it. */
const MAX_SILENCE_SECONDS = 15 * 60;

/** `taskline operator`: reconciles WhatsAppIntegration resources (docs/deployment.md). */
export async function main(_argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(operatorConfigSchema, env);
  const log = createLogger('operator', config.LOG_LEVEL);
  const telemetry = await startTelemetry('operator', env);
  const registry = createRegistry('operator');
  const kubeConfig = loadKubeConfig(config.KUBECONFIG);
  const db = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.RECONCILE_CONCURRENCY + 2 });
  db.on('error', (error) => log.warn({ err: error }, 'idle PostgreSQL connection failed'));
  const nc = await connectNats(config.NATS_URL, 'taskline-operator');

  const operator = await startOperator({
    config,
    kubeConfig,
    db,
    nc,
    log,
    registry,
    onLostLeadership: () => {
      log.error('lost leadership: exiting so a fresh process campaigns again');
      process.exit(1);
    },
  });

  let draining = false;
  const app = Fastify({ logger: false });
  app.get('/healthz/watches', (_request, reply) => {
    const silence = operator.maxSilenceSeconds();
    return reply
      .code(silence > MAX_SILENCE_SECONDS ? 503 : 200)
      .send({ maxSilenceSeconds: Math.round(silence) });
  });
  registerOpsRoutes(app, {
    registry,
    isDraining: () => draining,
    checks: {
      caches: () => Promise.resolve(operator.isReady()),
      watches: () => Promise.resolve(operator.maxSilenceSeconds() <= MAX_SILENCE_SECONDS),
      postgres: () =>
        db.query('select 1').then(
          () => true,
          () => false,
        ),
      nats: async () => !nc.isClosed() && (await nc.rtt().then(() => true)),
    },
  });
  const address = await app.listen({ host: config.HOST, port: config.METRICS_PORT });
  log.info(
    { address, leaderElection: config.LEADER_ELECT, namespace: config.WATCH_NAMESPACE ?? '(all)' },
    'operator up',
  );

  stopOnSignals(log, async () => {
    draining = true;
    await operator.stop();
    await app.close();
    await nc.drain();
    await db.end();
    await telemetry.shutdown();
  });
}
