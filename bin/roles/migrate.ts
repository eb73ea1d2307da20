import { createLogger, loadConfig, migrate, migrateConfigSchema } from '@taskline/core';

/** `taskline migrate`: creates the database when missing and applies every pending migration. */
export async function main(_argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(migrateConfigSchema, env);
  const log = createLogger('migrate', config.LOG_LEVEL);
  await migrate(config.DATABASE_URL, log);
}
