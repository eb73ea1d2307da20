import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { AppError } from '../errors.ts';

/**
 * Encryption at rest of message bodies: AES-256-GCM under a key chosen by id, so keys rotate without a flag day.
 * `TASKLINE_ENCRYPTION_KEYS` lists `id:base64key` pairs, newest first: the first encrypts, every one decrypts.
 * A stored value is `v1:<id>:<base64 of iv(12) | tag(16) | ciphertext>`; the id says which key opens it.
 *
 * Search cannot read ciphertext, so each stored message also keeps a blind index: every word of its text as the
 * first 8 bytes of an HMAC (key derived from the encryption key, input bound to the tenant), compared as bigints.
 * A reader of the database learns how many words a message has, not which.
 */
export interface EncryptionKey {
  id: string;
  key: Buffer;
  /** The same key as a KeyObject, made once: building one per call was a visible share of the worker's profile. */
  secret: KeyObject;
  /** HMAC key of the blind index, derived from `key` with HKDF. */
  termKey: Buffer;
}

export interface Keyring {
  /** Encrypts new values; undefined when no keys are configured (bodies then stay plain JSON). */
  active: EncryptionKey | undefined;
  byId: Map<string, EncryptionKey>;
}

const PREFIX = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A valid key id: 1-32 letters, digits, "-" or "_". */
export const isKeyId = (id: string): boolean => KEY_ID.test(id);
/** Blind-index key when encryption is off, so search works the same way with or without keys. */
const UNKEYED_TERMS = hkdf(Buffer.alloc(32), 'taskline unkeyed search terms');

function hkdf(key: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
}

/** Parses `id:base64key[,id:base64key...]`; every problem is named with the entry it is in. */
export function parseKeyring(spec: string | undefined): Keyring {
  const byId = new Map<string, EncryptionKey>();
  let active: EncryptionKey | undefined;
  for (const [index, entry] of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const where = `entry ${index + 1}`;
    if (!KEY_ID.test(id)) {
      throw new AppError(
        'CONFIG_INVALID',
        `${where}: must be "id:base64key" with an id of 1-32 letters, digits, "-" or "_"`,
      );
    }
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) {
      throw new AppError(
        'CONFIG_INVALID',
        `${where} ("${id}"): the key must be 32 bytes in base64 (44 characters); it decodes to ${key.length} bytes. Make one with: taskline keys generate`,
      );
    }
    if (byId.has(id)) throw new AppError('CONFIG_INVALID', `${where}: key id "${id}" appears twice`);
    const encryptionKey = {
      id,
      key,
      secret: createSecretKey(key),
      termKey: hkdf(key, 'taskline search terms'),
    };
    byId.set(id, encryptionKey);
    active ??= encryptionKey;
  }
  return { active, byId };
}

/** A new key entry for TASKLINE_ENCRYPTION_KEYS. */
export function generateKeyEntry(
  id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`,
): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

let current: Keyring = parseKeyring(undefined);

/** Sets the process's keyring (every role that opens the database calls this from its configuration). */
export function useKeyring(keyring: Keyring): void {
  current = keyring;
}

export function keyring(): Keyring {
  return current;
}

/** The id of the key a stored value was encrypted with, or undefined for a plain value. */
export function keyIdOf(stored: string): string | undefined {
  return stored.startsWith(`${PREFIX}:`)
    ? stored.slice(PREFIX.length + 1, stored.indexOf(':', PREFIX.length + 1))
    : undefined;
}

export function encrypt(plaintext: string, ring: Keyring = current): string {
  const key = ring.active;
  if (!key) throw new AppError('INTERNAL', 'encrypt called with no encryption key configured');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}:${key.id}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

export function decrypt(stored: string, ring: Keyring = current): string {
  const id = keyIdOf(stored);
  const key = id === undefined ? undefined : ring.byId.get(id);
  if (!key) {
    throw new AppError(
      'INTERNAL',
      id === undefined
        ? 'not an encrypted value'
        : `stored value is encrypted with key "${id}", which is not in TASKLINE_ENCRYPTION_KEYS`,
    );
  }
  const data = Buffer.from(stored.slice(PREFIX.length + id!.length + 2), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.secret, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError(
      'INTERNAL',
      `stored value under key "${id}" failed authentication: corrupted or altered`,
    );
  }
}

const MAX_TERMS = 256;

/** The words of `text` for search: lower case, accents removed, letters and digits only, each once. */
export function words(text: string): string[] {
  const normalized = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return [...new Set(normalized.match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_TERMS);
}

// A term is a pure function of (key, tenant, word) and words repeat: the HMACs computed recently are kept (they are
// what the database holds already), up to a bound per key.
const MAX_CACHED_TERMS = 50_000;
const cachedTerms = new WeakMap<Buffer, Map<string, string>>();

function term(termKey: Buffer, tenantId: string, word: string): string {
  let cache = cachedTerms.get(termKey);
  if (!cache) cachedTerms.set(termKey, (cache = new Map<string, string>()));
  const input = `${tenantId}\u0000${word}`;
  let value = cache.get(input);
  if (value === undefined) {
    value = createHmac('sha256', termKey).update(input).digest().readBigInt64BE(0).toString();
    if (cache.size >= MAX_CACHED_TERMS) cache.clear();
    cache.set(input, value);
  }
  return value;
}

/** The blind index of `text` in a tenant, under the active key (or the unkeyed one). */
export function searchTerms(tenantId: string, text: string, ring: Keyring = current): string[] {
  const termKey = ring.active?.termKey ?? UNKEYED_TERMS;
  return words(text).map((word) => term(termKey, tenantId, word));
}

/**
 * What to look for when searching `query` in a tenant: one set of terms per key that may have written the index
 * (every configured key, and the unkeyed one for rows written before encryption was on). A row matches when its
 * terms contain every term of one set.
 */
export function queryTerms(tenantId: string, query: string, ring: Keyring = current): string[][] {
  const queryWords = words(query);
  if (queryWords.length === 0) return [];
  const keys = [...[...ring.byId.values()].map((k) => k.termKey), UNKEYED_TERMS];
  return keys.map((termKey) => queryWords.map((word) => term(termKey, tenantId, word)));
}
