import { userInfo } from 'node:os';
import {
  AppError,
  SecurityAuditLog,
  generateKeyEntry,
  isKeyId,
  keyUsage,
  keyring,
  loadConfig,
  migrateConfigSchema,
  openOrm,
  resealMessages,
} from '@taskline/core';

const USAGE = `usage: taskline keys generate [--id ID]   a new "id:base64key" entry for TASKLINE_ENCRYPTION_KEYS
       taskline keys status                 how many message bodies each key seals, per tenant
       taskline keys rotate [--batch N]     re-encrypt every body with the first key and index it for search`;

/**
 * `taskline keys`: the keys that encrypt message bodies at rest (docs/security.md, "Rotating keys"). Rotation:
 * put a new key first in TASKLINE_ENCRYPTION_KEYS (old ones after it), roll the roles, run `rotate`, check
 * `status` shows no row under the old key, then remove it.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [command, ...rest] = argv;
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === 'generate') {
    const id = flag('id');
    if (id !== undefined && !isKeyId(id)) {
      throw new AppError('BAD_REQUEST', '--id must be 1-32 letters, digits, "-" or "_"');
    }
    console.log(generateKeyEntry(id));
    return;
  }
  if (command !== 'status' && command !== 'rotate') throw new AppError('BAD_REQUEST', USAGE);
  const batch = Number(flag('batch') ?? 500);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
    throw new AppError('BAD_REQUEST', '--batch must be a whole number from 1 to 10000');
  }
  const config = loadConfig(migrateConfigSchema, env);
  const orm = await openOrm({
    databaseUrl: config.DATABASE_URL,
    encryptionKeys: config.TASKLINE_ENCRYPTION_KEYS,
    poolMax: 2,
  });
  try {
    if (command === 'rotate') {
      const active = keyring().active;
      console.error(
        active
          ? `sealing every message body with key "${active.id}"`
          : 'no TASKLINE_ENCRYPTION_KEYS: bodies stay plain; indexing the ones written before search indexes',
      );
      const { resealed } = await resealMessages(orm, {
        batch,
        onProgress: ({ tenant, done, total }) => console.error(`  ${tenant}: ${done}/${total}`),
      });
      // A platform-level entry (no tenant), written as the connection's own role like the api's.
      const em = orm.em.fork();
      em.create(SecurityAuditLog, {
        actor: `cli:${userInfo().username}`,
        action: 'keys.rotate',
        target: `key:${active?.id ?? 'none'}`,
        outcome: 'success',
        details: { resealed },
      });
      await em.flush();
      console.error(`done: ${resealed} message bodies resealed`);
    }
    console.log(JSON.stringify(await keyUsage(orm)));
  } finally {
    await orm.close();
  }
}
