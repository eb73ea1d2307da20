import { parseArgs } from 'node:util';
import {
  AppError,
  createLogger,
  loadConfig,
  migrate,
  migrateConfigSchema,
  openOrm,
  seedTenant,
  type SeedUser,
} from '@taskline/core';

const USAGE = `usage: taskline seed --tenant <slug> --phone-number-id <id> --user "Name:+15551234567" [--user ...]
                     [--display-name "Acme Corp"] [--unknown-numbers reject|onboard] [--timezone Europe/Madrid]

Creates or updates a tenant, its WhatsApp number and mapped users (idempotent); migrates the database first.
--user takes "Name:+E164" or "Name:<business-scoped user id>" (e.g. "Rita:PT.88231409655302749921").`;

/** `taskline seed`: idempotently creates a tenant and mapped users (dev, demos, tests). */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseSeedArgs(argv);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const problems: string[] = [];
  if (!values.tenant) problems.push('--tenant is required');
  else if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(values.tenant))
    problems.push('--tenant must be a DNS label');
  if (!values['phone-number-id']) problems.push('--phone-number-id is required');
  else if (!/^\d+$/.test(values['phone-number-id'])) problems.push('--phone-number-id must be numeric');
  const unknown = values['unknown-numbers'];
  if (unknown !== undefined && unknown !== 'reject' && unknown !== 'onboard') {
    problems.push('--unknown-numbers must be reject or onboard');
  }
  const users: SeedUser[] = [];
  for (const spec of values.user ?? []) {
    const parsed = parseUser(spec);
    if (typeof parsed === 'string') problems.push(parsed);
    else users.push(parsed);
  }
  if (problems.length > 0) throw new AppError('BAD_REQUEST', `${problems.join('\n')}\n\n${USAGE}`);

  const config = loadConfig(migrateConfigSchema, env);
  const log = createLogger('seed', config.LOG_LEVEL);
  // A fresh machine needs no separate `taskline migrate` before its first seed.
  await migrate(config.DATABASE_URL, log);
  const orm = await openOrm({
    databaseUrl: config.DATABASE_URL,
    encryptionKeys: config.TASKLINE_ENCRYPTION_KEYS,
    poolMax: 2,
  });
  try {
    const result = await seedTenant(orm, {
      tenant: values.tenant!,
      phoneNumberId: values['phone-number-id']!,
      users,
      ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
      ...(unknown ? { unknownNumbers: unknown as 'reject' | 'onboard' } : {}),
      ...(values.timezone ? { timezone: values.timezone } : {}),
    });
    log.info(
      {
        tenant: values.tenant,
        tenantId: result.tenantId,
        tenantCreated: result.created.tenant,
        usersCreated: result.created.users,
      },
      'seeded',
    );
  } finally {
    await orm.close();
  }
}

function parseSeedArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        tenant: { type: 'string' },
        'phone-number-id': { type: 'string' },
        user: { type: 'string', multiple: true },
        'display-name': { type: 'string' },
        'unknown-numbers': { type: 'string' },
        timezone: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
  }
}

/** "Name:+15551234567" or "Name:US.1349..." -> a seed user, or a sentence saying what is wrong. */
export function parseUser(spec: string): SeedUser | string {
  const at = spec.lastIndexOf(':');
  const name = spec.slice(0, at).trim();
  const id = spec.slice(at + 1).trim();
  if (at <= 0 || !name || !id) return `--user "${spec}" must look like "Name:+15551234567"`;
  if (/^\+?\d{6,15}$/.test(id)) return { name, phone: `+${id.replace(/^\+/, '')}` };
  if (/^[A-Z]{2}\.\d+$/.test(id)) return { name, waUserId: id };
  return `--user "${spec}": "${id}" is neither an E.164 number nor a business-scoped user id`;
}
