import {
  AppError,
  apiConfigSchema,
  connectNats,
  createLogger,
  createRegistry,
  databaseReachable,
  jetstreamManager,
  loadConfig,
  openOrm,
  startTelemetry,
  stopOnSignals,
} from '@taskline/core';
import { buildApi } from './app.ts';
import { ensureBootstrapAdmin } from './bootstrap.ts';
import { watchLive } from './live.ts';

/** The console's default location: console/dist beside the services, when it has been built. */
const DEFAULT_CONSOLE_DIR = new URL('../../../console/dist', import.meta.url).pathname;

/** `taskline api`: the console backend (REST + SSE) serving the built console. */
export async function main(_argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(apiConfigSchema, env);
  const oidc = [config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET, config.PUBLIC_URL];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new AppError(
      'CONFIG_INVALID',
      'invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL: set all four for OpenID Connect sign-in, or none',
    );
  }
  const log = createLogger('api', config.LOG_LEVEL);
  const telemetry = await startTelemetry('api', env);
  const registry = createRegistry('api');
  const orm = await openOrm({
    databaseUrl: config.DATABASE_URL,
    encryptionKeys: config.TASKLINE_ENCRYPTION_KEYS,
  });
  if (!config.TASKLINE_ENCRYPTION_KEYS) {
    log.warn('TASKLINE_ENCRYPTION_KEYS is not set: message bodies are stored unencrypted (docs/security.md)');
  }
  const nc = await connectNats(config.NATS_URL, 'taskline-api');
  const jsm = await jetstreamManager(nc);
  const live = watchLive(nc);
  await ensureBootstrapAdmin(orm, log, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);

  let draining = false;
  const app = await buildApi({
    config,
    orm,
    log,
    nc,
    jsm,
    live,
    registry,
    consoleDir: config.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR,
    isDraining: () => draining,
    checks: {
      postgres: () => databaseReachable(orm),
      nats: async () => !nc.isClosed() && (await jsm.getAccountInfo().then(() => true)),
    },
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  log.info({ address }, 'api ready');

  stopOnSignals(log, async () => {
    draining = true;
    await live.close();
    await app.close();
    await nc.drain();
    await orm.close();
    await telemetry.shutdown();
  });
}
