import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { runRole } from '../../../../test/support/processes.ts';
import { generateKeyEntry, parseKeyring, queryTerms, useKeyring } from '../crypto/keyring.ts';
import { Tenant, WhatsAppMessage } from './entities.ts';
import { openOrm, inTenant, type MikroORM } from './orm.ts';
import { keyUsage, resealMessages } from './reseal-messages.ts';
import { seedTenant } from './seed.ts';

/** Message bodies at rest: sealed in the table, open through the ORM, searchable, re-sealed on rotation. */
describe('message bodies encrypted at rest', () => {
  const first = generateKeyEntry('first');
  const second = generateKeyEntry('second');
  let orm: MikroORM;
  let tenantId: string;
  let databaseUrl: string;
  /** The key the CLI test rotates every row to. */
  let cliKey = '';

  const raw = (wamid: string) =>
    inTenant(orm, tenantId, (em) =>
      em.execute<{ body: Record<string, unknown>; body_terms: string[] | null }[]>(
        'select body, body_terms from whatsapp_messages where tenant_id = ? and wamid = ?',
        [tenantId, wamid],
      ),
    ).then((rows) => rows[0]!);
  const search = (q: string) =>
    inTenant(orm, tenantId, (em) =>
      em.execute<{ wamid: string }[]>(
        `select wamid from whatsapp_messages where tenant_id = ? and (${queryTerms(tenantId, q)
          .map(() => 'body_terms @> ?::bigint[]')
          .join(' or ')}) order by wamid`,
        [tenantId, ...queryTerms(tenantId, q).map((t) => `{${t.join(',')}}`)],
      ),
    ).then((rows) => rows.map((r) => r.wamid));
  const write = (wamid: string, text: string) =>
    inTenant(orm, tenantId, async (em) => {
      em.create(WhatsAppMessage, {
        tenant: tenantId,
        direction: 'in',
        wamid,
        peer: '5511990000001',
        type: 'text',
        body: { from: '5511990000001', type: 'text', text: { body: text } },
        status: 'received',
        statusHistory: [],
      });
      await em.flush();
    });

  beforeAll(async () => {
    databaseUrl = await freshDatabase('encryption');
    orm = await openOrm({ databaseUrl, encryptionKeys: first });
    await seedTenant(orm, { tenant: 'acme', phoneNumberId: '1', users: [] });
    tenantId = (await orm.em.fork().findOneOrFail(Tenant, { slug: 'acme' })).id;
  });
  afterAll(async () => {
    useKeyring(parseKeyring(undefined));
    await orm.close();
  });

  it('stores ciphertext under the key id, reads the object back, and finds it by its words', async () => {
    await write('wamid.a', 'Review the quarterly reports');
    const stored = await raw('wamid.a');
    expect(Object.keys(stored.body)).toEqual(['$enc']);
    expect(String(stored.body.$enc)).toMatch(/^v1:first:/);
    expect(JSON.stringify(stored)).not.toMatch(/quarterly|Review/i);
    expect(stored.body_terms).toHaveLength(4);
    const loaded = await inTenant(orm, tenantId, (em) =>
      em.findOneOrFail(WhatsAppMessage, { wamid: 'wamid.a' }),
    );
    expect(loaded.body).toEqual({
      from: '5511990000001',
      type: 'text',
      text: { body: 'Review the quarterly reports' },
    });
    expect(await search('QUARTERLY')).toEqual(['wamid.a']);
    expect(await search('quarterly invoices')).toEqual([]);
  });

  it('does not rewrite a loaded body that did not change', async () => {
    const before = (await raw('wamid.a')).body.$enc;
    await inTenant(orm, tenantId, async (em) => {
      const row = await em.findOneOrFail(WhatsAppMessage, { wamid: 'wamid.a' });
      row.status = 'processed';
      await em.flush();
    });
    expect((await raw('wamid.a')).body.$enc).toBe(before);
  });

  it('rotates: a new first key seals new rows, rotate re-seals old ones and indexes rows written before', async () => {
    // A row from before encryption: plain body, no index.
    await inTenant(orm, tenantId, (em) =>
      em.execute(
        `insert into whatsapp_messages (id, tenant_id, direction, wamid, peer, type, body, status, status_history, attempts, created_at, updated_at)
         values (gen_random_uuid(), ?, 'in', 'wamid.legacy', '5511990000001', 'text', ?, 'processed', '[]', 0, now(), now())`,
        [tenantId, JSON.stringify({ type: 'text', text: { body: 'legacy quarterly note' } })],
      ),
    );
    useKeyring(parseKeyring(`${second},${first}`));
    await write('wamid.b', 'Call the client tomorrow');
    expect(String((await raw('wamid.b')).body.$enc)).toMatch(/^v1:second:/);
    expect(await search('quarterly')).toEqual(['wamid.a']); // the legacy row has no index yet

    const progress: number[] = [];
    const { resealed } = await resealMessages(orm, { batch: 1, onProgress: (p) => progress.push(p.done) });
    expect(resealed).toBe(2); // wamid.a (first key) and the legacy row; wamid.b is already sealed with second
    expect(progress).toEqual([1, 2]);
    expect(await keyUsage(orm)).toEqual([{ tenant: 'acme', key: 'second', messages: 3, unindexed: 0 }]);
    expect((await resealMessages(orm)).resealed).toBe(0);

    useKeyring(parseKeyring(second)); // the old key can go now
    const bodies = await inTenant(orm, tenantId, (em) =>
      em.find(WhatsAppMessage, {}, { orderBy: { wamid: 'asc' } }),
    );
    expect(bodies.map((m) => (m.body.text as { body: string }).body)).toEqual([
      'Review the quarterly reports',
      'Call the client tomorrow',
      'legacy quarterly note',
    ]);
    expect(await search('quarterly')).toEqual(['wamid.a', 'wamid.legacy']);
  });

  it('refuses to open a body whose key was removed too early, naming the key', async () => {
    useKeyring(parseKeyring(first));
    await expect(
      inTenant(orm, tenantId, (em) => em.findOneOrFail(WhatsAppMessage, { wamid: 'wamid.b' })),
    ).rejects.toThrow(/key "second", which is not in TASKLINE_ENCRYPTION_KEYS/);
    useKeyring(parseKeyring(second));
  });

  it('is run by admins with `taskline keys`, which says what is wrong with a key', async () => {
    const generated = await runRole('keys', ['generate', '--id', 'k2027'], {});
    expect(generated.code).toBe(0);
    expect(generated.output.trim()).toMatch(/^k2027:[A-Za-z0-9+/]{43}=$/);

    const third = generated.output.trim();
    cliKey = third;
    const rotated = await runRole('keys', ['rotate', '--batch', '2'], {
      DATABASE_URL: databaseUrl,
      TASKLINE_ENCRYPTION_KEYS: `${third},${second}`,
    });
    expect(rotated.code, rotated.output).toBe(0);
    expect(rotated.output).toContain('sealing every message body with key "k2027"');
    expect(rotated.output).toContain('acme: 2/3');
    expect(rotated.output).toContain('done: 3 message bodies resealed');
    expect(rotated.output).toContain('[{"tenant":"acme","key":"k2027","messages":3,"unindexed":0}]');

    const bad = await runRole('keys', ['status'], {
      DATABASE_URL: databaseUrl,
      TASKLINE_ENCRYPTION_KEYS: 'k1:abc',
    });
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('TASKLINE_ENCRYPTION_KEYS: entry 1 ("k1"): the key must be 32 bytes');
  });

  it('tells key ids apart exactly, even with "_" in them', async () => {
    const [x, underscore] = [generateKeyEntry('kx1'), generateKeyEntry('k_1')];
    useKeyring(parseKeyring(`${x},${cliKey}`));
    await write('wamid.kx1', 'sealed under kx1');
    useKeyring(parseKeyring(`${underscore},${x},${cliKey}`));
    await resealMessages(orm);
    expect((await keyUsage(orm)).map((u) => u.key)).toEqual(['k_1']);
    useKeyring(parseKeyring(second));
  });
});
