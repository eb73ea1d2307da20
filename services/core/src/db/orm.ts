import { MikroORM, defineConfig, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import {
  AdminAccount,
  AdminSession,
  MessageAnalytics,
  PerformanceMetric,
  SecurityAuditLog,
  Project,
  Reminder,
  Task,
  Tenant,
  User,
  WhatsAppConfig,
  WhatsAppContact,
  WhatsAppMessage,
} from './entities.ts';

import { parseKeyring, useKeyring } from '../crypto/keyring.ts';
import { BeginWithNextClient } from './begin-with-next.ts';

export type { EntityManager, MikroORM };

/**
 * The role every tenant-scoped transaction runs as. It is subject to row-level security even when the
 * connection's own user is a superuser (superusers bypass RLS, so the app must not act as one).
 */
export const APP_ROLE = 'taskline_app';

export const ENTITIES = [
  Tenant,
  WhatsAppConfig,
  User,
  WhatsAppContact,
  Project,
  Task,
  WhatsAppMessage,
  Reminder,
  MessageAnalytics,
  PerformanceMetric,
  AdminAccount,
  AdminSession,
  SecurityAuditLog,
];

export const MIGRATIONS_PATH = new URL('./migrations', import.meta.url).pathname;

export interface OrmOptions {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
  /** TASKLINE_ENCRYPTION_KEYS: sets the process keyring that seals message bodies (none: stored plain). */
  encryptionKeys?: string;
}

/**
 * How long an unused database connection stays open. pg's default, 10 s, closed a tenant's connections in every
 * pause of a conversation, and the next message paid for new ones (a new backend each, its caches cold): at 15
 * messages/s after a 15 s pause, p95 973 ms against 92 ms with the connections kept (docs/performance.md). A tenant
 * that has gone quiet still gives its connections back.
 */
export const POOL_IDLE_MS = 120_000;

export function ormConfig(options: OrmOptions) {
  return defineConfig({
    clientUrl: options.databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10, idleTimeoutMillis: POOL_IDLE_MS },
    // Short OLTP queries only: PostgreSQL's JIT compiles for 100-200 ms whenever a plan's estimate is large
    // (measured: the console overview went from 4 ms of work to 220 ms), so it is off for every connection.
    // BeginWithNextClient: a transaction's `begin` goes out with its first statement (one round trip less).
    driverOptions: { options: '-c jit=off', Client: BeginWithNextClient },
    debug: options.debug ?? false,
    migrations: {
      path: MIGRATIONS_PATH,
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      transactional: true,
      silent: true,
      // Schema snapshots would be written beside the migrations at run time, one per database.
      snapshot: false,
    },
    allowGlobalContext: false,
  });
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  useKeyring(parseKeyring(options.encryptionKeys));
  return MikroORM.init(ormConfig(options));
}

/**
 * Runs `work` in one transaction of a fresh EntityManager, as the app role with `app.tenant_id` set, so row-level
 * security confines every query to the tenant. Commits when `work` resolves, rolls back when it throws.
 */
export async function inTenant<T>(
  orm: MikroORM,
  tenantId: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const em = orm.em.fork();
  // The role as a variable too: MikroORM then sets both in one `select set_config(...), set_config(...)` instead of
  // a second statement (`set local role`); set_config('role', ..., true) is SET LOCAL ROLE, membership checked.
  em.setSessionContext({ variables: { 'app.tenant_id': tenantId, role: APP_ROLE } });
  return em.transactional((tx) => work(tx));
}

/** A transaction as the app role with no tenant: sees only tables that are not tenant-scoped (the tenant registry). */
export async function asApp<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const em = orm.em.fork();
  em.setSessionContext({ variables: { role: APP_ROLE } });
  return em.transactional((tx) => work(tx));
}

/** True when PostgreSQL answers a trivial query. */
export async function databaseReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
