import { JsonType, type Platform, type TransformContext } from '@mikro-orm/core';
import { decrypt, encrypt, keyring } from '../../crypto/keyring.ts';

/** The stored form of an encrypted JSON value: a one-key object, so the column stays jsonb and plain rows still read. */
export interface EncryptedJson {
  $enc: string;
}

export function isEncrypted(value: unknown): value is EncryptedJson {
  return typeof value === 'object' && value !== null && typeof (value as EncryptedJson).$enc === 'string';
}

/** Opens a stored JSON value (encrypted or plain) as the object it holds. */
export function openJson<T = Record<string, unknown>>(stored: unknown): T {
  const value: unknown = typeof stored === 'string' ? JSON.parse(stored) : stored;
  return (isEncrypted(value) ? JSON.parse(decrypt(value.$enc)) : value) as T;
}

/** Seals a JSON value for storage under the active key, or leaves it plain when no key is configured. */
export function sealJson(value: unknown): unknown {
  return keyring().active ? { $enc: encrypt(JSON.stringify(value)) } : value;
}

/**
 * A jsonb column encrypted at rest with the process keyring (../../crypto/keyring.ts). Change tracking compares
 * the opened values: ciphertexts differ on every write (random IV) and would make every flush an update.
 */
export class EncryptedJsonType extends JsonType {
  override convertToDatabaseValue(
    value: unknown,
    platform: Platform,
    context?: TransformContext,
  ): string | null {
    return super.convertToDatabaseValue(value == null ? value : sealJson(value), platform, context);
  }

  override convertToJSValue(value: unknown, platform: Platform, context?: TransformContext): unknown {
    const parsed: unknown = super.convertToJSValue(value, platform, context);
    return parsed == null ? parsed : openJson(parsed);
  }

  /** Compares two stored values (the ORM's snapshots, sealed) by what they hold. */
  override compareValues(a: unknown, b: unknown): boolean {
    const open = (value: unknown) => (value == null ? value : JSON.stringify(openJson(value)));
    return open(a) === open(b);
  }
}
