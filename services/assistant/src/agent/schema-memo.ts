import type { z } from 'zod';

type Converter = (options?: Record<string, unknown>) => Record<string, unknown>;
interface StandardWithJson {
  jsonSchema: { input: Converter; output: Converter };
}

/**
 * Mastra turns every tool's input schema into JSON Schema on every agent call (for the model's tool list), and
 * zod builds it anew each time. A tool's schema never changes, so the conversion is made once per option set and
 * shared, frozen (Mastra copies it before use; a caller that tried to change it would fail loudly).
 */
export function memoJsonSchema<T extends z.ZodType>(schema: T): T {
  const standard = schema['~standard'] as unknown as StandardWithJson;
  const made = new Map<string, Record<string, unknown>>();
  const memo =
    (io: 'input' | 'output'): Converter =>
    (options) => {
      const key = `${io} ${JSON.stringify(options ?? {})}`;
      let converted = made.get(key);
      if (!converted) made.set(key, (converted = deepFreeze(standard.jsonSchema[io](options))));
      return converted;
    };
  (schema as { '~standard': unknown })['~standard'] = {
    ...standard,
    jsonSchema: { input: memo('input'), output: memo('output') },
  };
  return schema;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
