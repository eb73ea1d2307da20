import {
  AppError,
  connectNats,
  discardDeadLetters,
  jetstreamManager,
  listDeadLetters,
  loadConfig,
  replayDeadLetters,
} from '@taskline/core';
import { z } from 'zod';

const USAGE = `usage: taskline dlq list --tenant T [--json] [--limit N]
       taskline dlq replay --tenant T (--seq N [--seq N ...] | --all)
       taskline dlq discard --tenant T --seq N [--seq N ...]`;

/** `taskline dlq`: list, replay or discard a tenant's dead letters (messages a consumer gave up on). */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { NATS_URL } = loadConfig(z.object({ NATS_URL: z.string().default('nats://127.0.0.1:4222') }), env);
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  const tenant = flags.tenant?.[0];
  if (!command || !['list', 'replay', 'discard'].includes(command) || !tenant) {
    throw new AppError('BAD_REQUEST', `${!tenant && command ? '--tenant is required\n' : ''}${USAGE}`);
  }
  const seqs = (flags.seq ?? []).map((value) => {
    const seq = Number(value);
    if (!Number.isInteger(seq) || seq < 1)
      throw new AppError('BAD_REQUEST', `--seq ${value}: not a sequence number`);
    return seq;
  });
  const nc = await connectNats(NATS_URL, 'taskline-dlq');
  try {
    const jsm = await jetstreamManager(nc);
    if (command === 'list') {
      const letters = await listDeadLetters(nc, tenant, Number(flags.limit?.[0] ?? 100));
      if (flags.json) return console.log(JSON.stringify(letters, null, 2));
      if (!letters.length) return console.log(`no dead letters for ${tenant}`);
      for (const l of letters) {
        console.log(
          `${String(l.seq).padStart(8)}  ${l.at}  ${l.subject}  after ${l.deliveries} deliveries: ${l.reason}`,
        );
      }
      return;
    }
    const targets = flags.all ? (await listDeadLetters(nc, tenant, 10_000)).map((l) => l.seq) : seqs;
    if (!targets.length)
      throw new AppError('BAD_REQUEST', `name the dead letters: --seq N or --all\n${USAGE}`);
    if (command === 'replay') {
      const result = await replayDeadLetters(nc, jsm, tenant, targets);
      console.log(
        `replayed ${result.replayed.length}${result.missing.length ? `; not found: ${result.missing.join(', ')}` : ''}`,
      );
    } else {
      const result = await discardDeadLetters(jsm, tenant, targets);
      console.log(
        `discarded ${result.discarded.length}${result.missing.length ? `; not found: ${result.missing.join(', ')}` : ''}`,
      );
    }
  } finally {
    await nc.close();
  }
}

function parseFlags(
  args: string[],
): Record<string, string[] | undefined> & { all?: string[]; json?: string[] } {
  const flags: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new AppError('BAD_REQUEST', `unexpected "${arg}"\n${USAGE}`);
    const name = arg.slice(2);
    if (name === 'all' || name === 'json') flags[name] = ['true'];
    else if (['tenant', 'seq', 'limit'].includes(name) && args[i + 1] !== undefined)
      (flags[name] ??= []).push(args[++i]!);
    else throw new AppError('BAD_REQUEST', `unknown or incomplete option ${arg}\n${USAGE}`);
  }
  return flags;
}
