import { AdminAccount, type Logger, type MikroORM } from '@taskline/core';
import { hashPassword } from './auth/password.ts';

/**
 * Creates the bootstrap platform admin from ADMIN_EMAIL / ADMIN_PASSWORD when no account has that email. An
 * existing account is left alone (its password may have been changed in the console since).
 */
export async function ensureBootstrapAdmin(
  orm: MikroORM,
  log: Logger,
  email: string | undefined,
  password: string | undefined,
): Promise<void> {
  if (!email || !password) return;
  const em = orm.em.fork();
  const normalized = email.toLowerCase();
  if (await em.findOne(AdminAccount, { email: normalized })) return;
  em.create(AdminAccount, {
    email: normalized,
    displayName: 'Platform admin',
    role: 'platform-admin',
    tenant: null,
    passwordHash: await hashPassword(password),
  });
  await em.flush();
  log.info({ email: normalized }, 'bootstrap platform admin created');
}
