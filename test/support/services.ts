import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  Tenant,
  User,
  connectNats,
  createLogger,
  inTenant,
  jetstreamManager,
  migrate,
  openOrm,
  seedTenant,
  streamName,
  type NatsConnection,
} from '@taskline/core';

/**
 * Real PostgreSQL and NATS for integration and e2e suites (DATABASE_URL / NATS_URL, loopback by default).
 * Each suite gets its own fresh database and its own tenant names, so suites never see each other's data.
 */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/taskline';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const silent = createLogger('test', 'silent');

/** Creates `taskline_test_<suffix>` (dropping a leftover of the same name) and migrates it. */
export async function freshDatabase(suffix: string): Promise<string> {
  const name = `taskline_test_${suffix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  const admin = new URL(BASE_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString(), silent);
  return url.toString();
}

/** A tenant slug no other run uses, so its JetStream stream starts empty. */
export function uniqueTenant(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function natsForTest(): Promise<NatsConnection> {
  return connectNats(NATS_URL, 'taskline-test');
}

/** Deletes the streams of the given tenants; missing streams are fine. */
export async function deleteStreams(nc: NatsConnection, tenants: string[]): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const tenant of tenants) {
    await jsm.streams.delete(streamName(tenant)).catch(() => false);
  }
}

/** The WhatsApp samples in ../shared beside the repository. */
export const SAMPLES_DIR = new URL('../../../shared/whatsapp/samples/', import.meta.url);

/** A fresh database with tenant `acme` and one mapped user, Ana: what most assistant suites start from. */
export async function seededOwner(suffix: string) {
  const databaseUrl = await freshDatabase(suffix);
  const orm = await openOrm({ databaseUrl });
  await seedTenant(orm, {
    tenant: 'acme',
    phoneNumberId: '1',
    users: [{ name: 'Ana', phone: '+5511990000001' }],
  });
  const tenant = await orm.em.fork().findOneOrFail(Tenant, { slug: 'acme' });
  const user = await inTenant(orm, tenant.id, (em) => em.findOneOrFail(User, { tenant: tenant.id }));
  return { databaseUrl, orm, owner: { tenantId: tenant.id, userId: user.id } };
}
