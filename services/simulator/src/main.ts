import type { Registry } from 'prom-client';
import {
  createLogger,
  createRegistry,
  loadConfig,
  simulatorConfigSchema,
  stopOnSignals,
} from '@taskline/core';
import { buildApp } from './app.ts';
import { parseCli, runClient, USAGE } from './cli.ts';
import { SimulatorState } from './state.ts';

/** `taskline simulator [serve|send|chat|conversation|register]`. */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const options = parseCli(argv, env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.command !== 'serve') {
    await runClient(options, (line) => console.log(line));
    return;
  }
  const config = loadConfig(simulatorConfigSchema, env);
  const log = createLogger('simulator', config.LOG_LEVEL);
  const state = new SimulatorState();
  if (config.SIMULATOR_PHONE_NUMBER_ID && config.SIMULATOR_WEBHOOK_URL) {
    state.register({
      phoneNumberId: config.SIMULATOR_PHONE_NUMBER_ID,
      webhookUrl: config.SIMULATOR_WEBHOOK_URL,
      accessToken: config.WHATSAPP_ACCESS_TOKEN ?? 'simulator-token',
      appSecret: config.WHATSAPP_APP_SECRET ?? 'simulator-app-secret',
      displayPhoneNumber: '15550783881',
    });
  }
  const registry: Registry = createRegistry('simulator');
  const app = buildApp({ state, registry });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  log.info({ address, numbers: [...state.numbers.keys()] }, 'WhatsApp Cloud API simulator ready');
  stopOnSignals(log, () => app.close());
}
