import pg from 'pg';
import type { Logger } from '../logger.ts';
import { openOrm } from './orm.ts';

/**
 * Creates the database named in the URL when it does not exist (connecting to the server's `postgres` database
 * to do it), then applies every pending migration in order. Safe to run concurrently and repeatedly.
 */
export async function migrate(databaseUrl: string, log: Logger): Promise<string[]> {
  await ensureDatabase(databaseUrl, log);
  const orm = await openOrm({ databaseUrl, poolMax: 2 });
  try {
    const applied = await orm.migrator.up();
    for (const m of applied) log.info({ migration: m.name }, 'migration applied');
    if (applied.length === 0) log.info('database schema is up to date');
    return applied.map((m) => m.name);
  } finally {
    await orm.close();
  }
}

export async function ensureDatabase(databaseUrl: string, log: Logger): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    throw new Error(`database name "${name}" must be letters, digits, "_" or "-"`);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${name}"`);
        log.info({ database: name }, 'database created');
      } catch (error) {
        // Another process created it in the meantime: "already exists", or, when both CREATEs ran at once, the
        // catalog's unique index refusing the second.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
