import { describe, expect, it } from 'vitest';
import {
  decrypt,
  encrypt,
  generateKeyEntry,
  keyIdOf,
  parseKeyring,
  queryTerms,
  searchTerms,
  words,
} from './keyring.ts';

const TENANT = '7d1f0a52-0000-4000-8000-000000000001';

describe('keyring', () => {
  const old = generateKeyEntry('old');
  const fresh = generateKeyEntry('new');

  it('encrypts with the first key and opens with any key of the ring', () => {
    const sealed = encrypt('olá, mundo', parseKeyring(old));
    expect(keyIdOf(sealed)).toBe('old');
    expect(sealed).not.toContain('mundo');
    const rotated = parseKeyring(`${fresh},${old}`);
    expect(rotated.active?.id).toBe('new');
    expect(decrypt(sealed, rotated)).toBe('olá, mundo');
    expect(keyIdOf(encrypt('x', rotated))).toBe('new');
  });

  it('uses a fresh IV each time, so equal texts do not look equal', () => {
    const ring = parseKeyring(old);
    expect(encrypt('same', ring)).not.toBe(encrypt('same', ring));
  });

  it('refuses a value whose key is gone, and one that was altered', () => {
    const sealed = encrypt('secret', parseKeyring(old));
    expect(() => decrypt(sealed, parseKeyring(fresh))).toThrow(
      /key "old", which is not in TASKLINE_ENCRYPTION_KEYS/,
    );
    const bytes = Buffer.from(sealed.split(':')[2]!, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => decrypt(`v1:old:${bytes.toString('base64')}`, parseKeyring(old))).toThrow(
      /failed authentication/,
    );
  });

  it('says what is wrong with a bad key list', () => {
    expect(parseKeyring(undefined).active).toBeUndefined();
    expect(() => parseKeyring('nokey')).toThrow(/entry 1: must be "id:base64key"/);
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(
      /entry 1 \("k1"\): the key must be 32 bytes .* decodes to 5 bytes/,
    );
    expect(() => parseKeyring(`${old},${old}`)).toThrow(/key id "old" appears twice/);
    expect(() => parseKeyring(`bad id:${old.split(':')[1]}`)).toThrow(/entry 1/);
  });
});

describe('blind search index', () => {
  it('indexes words without case or accents', () => {
    expect(words('Revisar o RELATÓRIO trimestral, já! relatório')).toEqual([
      'revisar',
      'o',
      'relatorio',
      'trimestral',
      'ja',
    ]);
  });

  it('finds a message by any of its words under the key that indexed it, and binds terms to the tenant', () => {
    const old = parseKeyring(generateKeyEntry('old'));
    const indexed = new Set(searchTerms(TENANT, 'Review the quarterly report', old));
    const rotated = parseKeyring(
      `${generateKeyEntry('new')},${generateKeyEntry('old').split(':')[0]}:${old.active!.key.toString('base64')}`,
    );
    const sets = queryTerms(TENANT, 'QUARTERLY review', rotated);
    expect(sets).toHaveLength(3); // new, old and the unkeyed index of rows written before encryption
    expect(sets.some((set) => set.every((t) => indexed.has(t)))).toBe(true);
    expect(queryTerms(TENANT, 'invoice', rotated).some((set) => set.every((t) => indexed.has(t)))).toBe(
      false,
    );
    const otherTenant = new Set(
      searchTerms('7d1f0a52-0000-4000-8000-000000000002', 'Review the quarterly report', old),
    );
    expect([...indexed].some((t) => otherTenant.has(t))).toBe(false);
    expect(queryTerms(TENANT, '!!!', rotated)).toEqual([]);
  });
});
