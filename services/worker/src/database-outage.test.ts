import { describe, expect, it } from 'vitest';
import { isDatabaseOutage } from './database-outage.ts';

describe('telling a database outage from a failed query', () => {
  it('recognises refused and dropped connections and server shutdowns, also as causes', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseOutage(refused)).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseOutage(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseOutage(new Error('wrapped', { cause: refused }))).toBe(true);
  });

  it('leaves query errors, conflicts and bugs to the normal retry path', () => {
    expect(isDatabaseOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseOutage(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
    expect(isDatabaseOutage(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseOutage('a string')).toBe(false);
  });
});
