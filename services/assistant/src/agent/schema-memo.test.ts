import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { memoJsonSchema } from './schema-memo.ts';

const OPTIONS = { target: 'draft-07', libraryOptions: { unrepresentable: 'any' } };
const fresh = () => z.object({ task: z.string().min(1), remindAt: z.string().optional() });

describe('memoJsonSchema', () => {
  it('converts a schema once per option set and answers as zod does', () => {
    const schema = fresh();
    const convert = vi.spyOn(schema['~standard'].jsonSchema, 'input');
    memoJsonSchema(schema);

    const first = schema['~standard'].jsonSchema.input(OPTIONS);
    const again = schema['~standard'].jsonSchema.input(OPTIONS);
    expect(again).toBe(first);
    expect(convert).toHaveBeenCalledTimes(1);
    expect(first).toEqual(fresh()['~standard'].jsonSchema.input(OPTIONS));
    expect(first).toMatchObject({ type: 'object', required: ['task'] });

    schema['~standard'].jsonSchema.input({ ...OPTIONS, target: 'draft-2020-12' });
    expect(convert).toHaveBeenCalledTimes(2);
  });

  it('shares a frozen conversion, so a caller that changes it fails instead of changing it for the next', () => {
    const schema = memoJsonSchema(fresh());
    const shared = schema['~standard'].jsonSchema.input(OPTIONS) as { properties: Record<string, unknown> };
    expect(() => {
      shared.properties.extra = { type: 'string' };
    }).toThrow(TypeError);
    expect(schema['~standard'].jsonSchema.input(OPTIONS)).not.toHaveProperty('properties.extra');
  });

  it('still validates as the schema does', () => {
    const schema = memoJsonSchema(fresh());
    expect(schema.safeParse({ task: '' }).success).toBe(false);
    expect(schema['~standard'].validate({ task: 'call the client' })).toEqual({
      value: { task: 'call the client' },
    });
  });
});
