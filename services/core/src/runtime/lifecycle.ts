import type { Logger } from '../logger.ts';

/**
 * Calls `stop` once on SIGTERM or SIGINT, then exits 0 (1 if stopping failed). A second signal, or a stop that
 * outlasts `graceMs`, exits at once: Kubernetes would SIGKILL us anyway.
 */
export function stopOnSignals(log: Logger, stop: () => Promise<void>, graceMs = 25_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'draining');
    setTimeout(() => {
      log.error({ graceMs }, 'drain took too long: exiting');
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
