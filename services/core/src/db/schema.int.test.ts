import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/support/services.ts';
import { openOrm, type MikroORM } from './orm.ts';

describe('the migrations', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openOrm({ databaseUrl: await freshDatabase('schema'), poolMax: 2 });
  });
  afterAll(() => orm?.close());

  it('build exactly the schema the entities describe', async () => {
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});
