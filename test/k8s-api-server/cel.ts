/**
 * x-kubernetes-validations: CEL rules evaluated with @marcbachmann/cel-js, `self` bound to the value at the
 * rule's node and `oldSelf` to its previous value. A rule that mentions oldSelf is a transition rule: it only
 * runs on an update where the old value exists (unless optionalOldSelf). Integers reach CEL as int (bigint)
 * per the schema. A few functions of the Kubernetes CEL libraries that cel-js lacks are added; others
 * (url(), ip(), quantity(), sets.*, format.*) are not available and fail the CRD's compilation here.
 */
import { Environment } from '@marcbachmann/cel-js';
import type { FieldError, FieldErrorType } from './errors.ts';
import { isObject, type Json } from './json.ts';

type Compiled = ReturnType<Environment['parse']>;

const environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  .registerVariable('self', 'dyn')
  .registerVariable('oldSelf', 'dyn')
  .registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) =>
    s.replaceAll(a, b),
  )
  .registerFunction('string.charAt(int): string', (s: string, i: bigint) => s.charAt(Number(i)))
  .registerFunction(
    'string.find(string): string',
    (s: string, re: string) => new RegExp(re).exec(s)?.[0] ?? '',
  )
  .registerFunction('string.findAll(string): list<string>', (s: string, re: string) =>
    [...s.matchAll(new RegExp(re, 'g'))].map((m) => m[0]),
  )
  .registerFunction('list.isSorted(): bool', (l: unknown[]) =>
    l.every((x, i) => i === 0 || (l[i - 1] as number) <= (x as number)),
  )
  .registerFunction('list.sum(): dyn', (l: bigint[]) => l.reduce((a, b) => a + b, 0n))
  .registerFunction('list.min(): dyn', (l: bigint[]) => l.reduce((a, b) => (b < a ? b : a)))
  .registerFunction('list.max(): dyn', (l: bigint[]) => l.reduce((a, b) => (b > a ? b : a)))
  .registerFunction('list.indexOf(dyn): int', (l: unknown[], x: unknown) => BigInt(l.indexOf(x)))
  .registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], x: unknown) => BigInt(l.lastIndexOf(x)))
  .registerFunction('isURL(string): bool', (s: string) => URL.canParse(s));

const cache = new Map<string, Compiled>();

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

function compiled(rule: string): Compiled {
  let program = cache.get(rule);
  if (!program) cache.set(rule, (program = environment.parse(rule)));
  return program;
}

/** Why a rule does not compile, or undefined when it does. */
export function compileError(rule: string): string | undefined {
  try {
    const result = environment.check(rule);
    return result.valid ? undefined : firstLine(result.error);
  } catch (error) {
    return firstLine(error);
  }
}

/** The value as CEL sees it: integers of integer fields become int. */
function toCel(schema: Json | undefined, value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && schema?.type !== 'number') return BigInt(value);
  if (Array.isArray(value))
    return value.map((item) => toCel(isObject(schema?.items) ? schema.items : undefined, item));
  if (!isObject(value)) return value;
  const properties = isObject(schema?.properties) ? schema.properties : {};
  const additional = isObject(schema?.additionalProperties) ? schema.additionalProperties : undefined;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    const sub = properties[key];
    out[key] = toCel(isObject(sub) ? sub : additional, item);
  }
  return out;
}

const CEL_REASONS: Record<string, FieldErrorType> = {
  FieldValueForbidden: 'FieldValueForbidden',
  FieldValueRequired: 'FieldValueRequired',
  FieldValueDuplicate: 'FieldValueDuplicate',
};

export function evaluateRules(
  schema: Json,
  value: unknown,
  old: { found: boolean; value: unknown } | undefined,
  path: string,
): FieldError[] {
  const rules = schema['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return [];
  const typeName = typeof schema.type === 'string' ? schema.type : 'object';
  const errors: FieldError[] = [];
  for (const rule of rules) {
    if (!isObject(rule) || typeof rule.rule !== 'string') continue;
    const transition = /\boldSelf\b/.test(rule.rule);
    if (transition && !old?.found && rule.optionalOldSelf !== true) continue;
    const context: Json = { self: toCel(schema, value) };
    if (transition) context.oldSelf = old?.found ? toCel(schema, old.value) : null;
    const type = CEL_REASONS[String(rule.reason)] ?? 'FieldValueInvalid';
    const field = typeof rule.fieldPath === 'string' ? `${path}${rule.fieldPath}` : path;
    const message =
      typeof rule.message === 'string' && rule.message ? rule.message : `failed rule: ${rule.rule}`;
    let passed: unknown;
    try {
      passed = compiled(rule.rule)(context);
    } catch (error) {
      errors.push({
        type: 'FieldValueInvalid',
        field,
        value: typeName,
        detail: `${firstLine(error)} evaluating rule: ${message}`,
      });
      continue;
    }
    if (passed === true) continue;
    let detail = message;
    if (typeof rule.messageExpression === 'string') {
      try {
        const text: unknown = compiled(rule.messageExpression)(context);
        if (typeof text === 'string' && text.trim() !== '') detail = text;
      } catch {
        // the real server also falls back to message when messageExpression fails
      }
    }
    errors.push(
      type === 'FieldValueInvalid' || type === 'FieldValueDuplicate'
        ? { type, field, value: typeName, detail }
        : { type, field, detail },
    );
  }
  return errors;
}
