import { hostname } from 'node:os';
import {
  connectNats,
  createLogger,
  createRegistry,
  ensureTenantStream,
  jetstreamManager,
  loadConfig,
  startTelemetry,
  stopOnSignals,
  webhookConfigSchema,
  jetStreamPublisher,
} from '@taskline/core';
import { buildApp } from './app.ts';
import { SignatureFailureReporter } from './security-reports.ts';

/** `taskline webhook`: receives the tenant's WhatsApp webhooks and publishes them to JetStream. */
export async function main(_argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(webhookConfigSchema, env);
  const log = createLogger('webhook', config.LOG_LEVEL);
  const telemetry = await startTelemetry('webhook', env);
  const registry = createRegistry('webhook', config.TENANT);
  const nc = await connectNats(config.NATS_URL, `taskline-webhook-${config.TENANT}`);
  const jsm = await jetstreamManager(nc);
  await ensureTenantStream(jsm, config.TENANT);

  let draining = false;
  const publisher = jetStreamPublisher(nc);
  const signatureFailures = new SignatureFailureReporter({
    tenant: config.TENANT,
    reporter: `${hostname()}-${process.pid}`,
    publisher,
    log,
    windowMs: config.SECURITY_REPORT_WINDOW_MS,
  });
  const app = buildApp({
    config,
    log,
    registry,
    publisher,
    signatureFailures,
    isDraining: () => draining,
    checks: {
      nats: async () => !nc.isClosed() && (await jsm.getAccountInfo().then(() => true)),
    },
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  log.info({ address, tenant: config.TENANT }, 'webhook ready');

  stopOnSignals(log, async () => {
    draining = true;
    await app.close();
    await signatureFailures.flush();
    await nc.drain();
    await telemetry.shutdown();
  });
}
