import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.ts';

const SECRET = 'app-secret-for-tests';
// Meta escapes non-ASCII as \uXXXX in the bytes it signs: the check must use those exact bytes.
const body = Buffer.from('{"text":{"body":"Revis\\u00e3o do relat\\u00f3rio"}}');

describe('X-Hub-Signature-256', () => {
  it('accepts the HMAC-SHA256 of the exact raw bytes', () => {
    expect(verifySignature(body, signBody(body, SECRET), SECRET)).toBe(true);
  });

  it('matches a signature computed independently (known vector)', () => {
    expect(signBody('hello', 'secret')).toBe(
      'sha256=88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b',
    );
  });

  it('rejects the same JSON re-serialised, since the bytes differ', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifySignature(reserialised, signBody(body, SECRET), SECRET)).toBe(false);
  });

  it('rejects a wrong secret, a tampered body, and malformed or missing headers', () => {
    const good = signBody(body, SECRET);
    expect(verifySignature(body, signBody(body, 'another-secret'), SECRET)).toBe(false);
    expect(verifySignature(Buffer.concat([body, Buffer.from(' ')]), good, SECRET)).toBe(false);
    expect(verifySignature(body, undefined, SECRET)).toBe(false);
    expect(verifySignature(body, '', SECRET)).toBe(false);
    expect(verifySignature(body, good.replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(verifySignature(body, 'sha256=abc', SECRET)).toBe(false);
    expect(verifySignature(body, `sha256=${'zz'.repeat(32)}`, SECRET)).toBe(false);
    expect(verifySignature(body, `${good}00`, SECRET)).toBe(false);
  });

  it('accepts upper-case hex digits', () => {
    const upper = `sha256=${signBody(body, SECRET).slice(7).toUpperCase()}`;
    expect(verifySignature(body, upper, SECRET)).toBe(true);
  });
});
