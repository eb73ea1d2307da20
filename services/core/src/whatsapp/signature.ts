import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** The X-Hub-Signature-256 header value Meta sends: HMAC-SHA256 of the exact body bytes, keyed by the app secret. */
export function signBody(body: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(body).digest('hex');
}

/**
 * Checks a X-Hub-Signature-256 header against the raw body in constant time. False for a missing, malformed or
 * wrong header; never throws.
 */
export function verifySignature(body: Buffer, header: string | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length);
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}
