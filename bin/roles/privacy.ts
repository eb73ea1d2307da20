import { userInfo } from 'node:os';
import {
  AppError,
  SecurityAuditLog,
  Tenant,
  inTenant,
  eraseUserData,
  exportUserData,
  loadConfig,
  migrateConfigSchema,
  openOrm,
  resolveUser,
} from '@taskline/core';

const USAGE = `usage: taskline privacy export --tenant T --user <user id | +E164 | WhatsApp user id>   (JSON on stdout)
       taskline privacy erase --tenant T --user <...> --yes`;

/**
 * `taskline privacy`: a data-subject request for one person of one tenant. `export` writes everything held about
 * them as JSON; `erase` deletes it (user, mappings, tasks, projects, reminders, messages, the assistant's memory).
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(migrateConfigSchema, env);
  const [command, ...rest] = argv;
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const tenantSlug = flag('tenant');
  const who = flag('user');
  if ((command !== 'export' && command !== 'erase') || !tenantSlug || !who) {
    throw new AppError(
      'BAD_REQUEST',
      `${command && (!tenantSlug || !who) ? '--tenant and --user are required\n' : ''}${USAGE}`,
    );
  }
  if (command === 'erase' && !rest.includes('--yes')) {
    throw new AppError('BAD_REQUEST', `erasing cannot be undone: add --yes to confirm\n${USAGE}`);
  }
  const orm = await openOrm({
    databaseUrl: config.DATABASE_URL,
    encryptionKeys: config.TASKLINE_ENCRYPTION_KEYS,
    poolMax: 2,
  });
  try {
    const tenant = await orm.em.fork().findOne(Tenant, { slug: tenantSlug });
    if (!tenant) throw new AppError('BAD_REQUEST', `no tenant "${tenantSlug}"`);
    const userId = await resolveUser(orm, tenant.id, who).catch((error: unknown) => {
      throw error instanceof AppError ? new AppError('BAD_REQUEST', error.message) : error;
    });
    if (command === 'export') {
      console.log(JSON.stringify(await exportUserData(orm, tenant.id, userId), null, 2));
    } else {
      const report = await eraseUserData(orm, tenant.id, userId);
      await inTenant(orm, tenant.id, async (em) => {
        em.create(SecurityAuditLog, {
          tenantId: tenant.id,
          actor: `cli:${userInfo().username}`,
          action: 'privacy.erase',
          target: `user:${userId}`,
          outcome: 'success',
          details: { ...report },
        });
        await em.flush();
      });
      console.log(JSON.stringify({ erased: userId, ...report }));
    }
  } finally {
    await orm.close();
  }
}
