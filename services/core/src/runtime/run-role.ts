import { AppError } from '../errors.ts';

export type RoleMain = (argv: string[], env: NodeJS.ProcessEnv) => Promise<void>;

/**
 * Runs a role's `main` as a command: configuration and usage errors print one line and give exit code 2, anything
 * else its stack and 1. Long-running roles resolve once started and exit from their signal handlers.
 */
export async function runRole(
  role: string,
  main: RoleMain,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  try {
    await main(argv, env);
    return 0;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'CONFIG_INVALID' || error.code === 'BAD_REQUEST')) {
      console.error(`taskline ${role}: ${error.message}`);
      return 2;
    }
    console.error(
      `taskline ${role}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}
