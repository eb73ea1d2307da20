import { keyring, searchTerms } from '../crypto/keyring.ts';
import { messageText } from './entities/whatsapp-message.entity.ts';
import { openJson, sealJson } from './entities/encrypted-json.type.ts';
import { inTenant, type MikroORM } from './orm.ts';

/** The key id a stored body names, `plain` for an unencrypted one, as SQL. */
const KEY_OF_BODY = `coalesce(split_part(body->>'$enc', ':', 2), 'plain')`;

function allTenants(orm: MikroORM): Promise<{ id: string; slug: string }[]> {
  return orm.em.fork().getConnection().execute('select id, slug from tenants order by slug');
}

export interface KeyUsage {
  tenant: string;
  /** The key id the bodies are sealed with, `plain` for unencrypted ones. */
  key: string;
  messages: number;
  /** Of those, how many have no search index yet (written before migration 000009). */
  unindexed: number;
}

/** How many message bodies each key seals, per tenant: an old key can go once no row uses it. */
export async function keyUsage(orm: MikroORM): Promise<KeyUsage[]> {
  const tenants = await allTenants(orm);
  const usage: KeyUsage[] = [];
  for (const tenant of tenants) {
    const rows = await inTenant(orm, tenant.id, (em) =>
      em.execute<{ key: string; messages: string; unindexed: string }[]>(
        `select ${KEY_OF_BODY} as key, count(*) as messages,
                count(*) filter (where body_terms is null) as unindexed
         from whatsapp_messages where tenant_id = ? group by 1 order by 1`,
        [tenant.id],
      ),
    );
    for (const row of rows) {
      usage.push({
        tenant: tenant.slug,
        key: row.key,
        messages: Number(row.messages),
        unindexed: Number(row.unindexed),
      });
    }
  }
  return usage;
}

export interface ResealProgress {
  tenant: string;
  done: number;
  total: number;
}

/**
 * Re-encrypts every message body that is not sealed with the active key (or is plain) and writes its search
 * index, tenant by tenant in batches of `batch` rows, each batch one transaction. Safe to interrupt and re-run:
 * it only picks rows that still need it. Without an active key it only indexes rows that have no index.
 */
export async function resealMessages(
  orm: MikroORM,
  options: { batch?: number; onProgress?: (progress: ResealProgress) => void } = {},
): Promise<{ resealed: number }> {
  const batch = options.batch ?? 500;
  const active = keyring().active;
  // Rows still to do: no search index, or (with a key) sealed under another key or not at all.
  const needs = active ? `(body_terms is null or ${KEY_OF_BODY} <> ?)` : 'body_terms is null';
  const needsArgs = active ? [active.id] : [];
  const tenants = await allTenants(orm);
  let resealed = 0;
  for (const tenant of tenants) {
    const [row] = await inTenant(orm, tenant.id, (em) =>
      em.execute<{ total: string }[]>(
        `select count(*) as total from whatsapp_messages where tenant_id = ? and ${needs}`,
        [tenant.id, ...needsArgs],
      ),
    );
    const total = Number(row?.total ?? 0);
    if (total === 0) continue;
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const count = await inTenant(orm, tenant.id, async (em) => {
        const rows = await em.execute<{ id: string; type: string; body: unknown }[]>(
          `select id, type, body from whatsapp_messages where tenant_id = ? and id > ? and ${needs}
           order by id limit ? for update`,
          [tenant.id, after, ...needsArgs, batch],
        );
        if (rows.length === 0) return 0;
        const sealed = rows.map((row) => {
          const body = openJson(row.body);
          return {
            id: row.id,
            body: sealJson(body),
            terms: searchTerms(tenant.id, messageText(body, row.type)),
          };
        });
        // The ids go to the table as `= any(array(...))`: joined to the recordset (which the planner guesses at 100
        // rows) every batch read the tenant's whole message table.
        await em.execute(
          `with v as (select * from jsonb_to_recordset(?::jsonb) as v(id uuid, body jsonb, terms bigint[]))
           update whatsapp_messages m set body = v.body, body_terms = v.terms
           from v where m.id = any(array(select id from v)) and m.id = v.id and m.tenant_id = ?`,
          [JSON.stringify(sealed), tenant.id],
        );
        after = rows.at(-1)!.id;
        return rows.length;
      });
      if (count === 0) break;
      done += count;
      resealed += count;
      options.onProgress?.({ tenant: tenant.slug, done, total });
    }
  }
  return { resealed };
}
