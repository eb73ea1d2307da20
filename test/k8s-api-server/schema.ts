/**
 * A CRD's structural schema applied to custom resources as the apiextensions server does: unknown fields
 * pruned (each reported), defaults filled in, then OpenAPI validation (types, enum, pattern, format,
 * bounds, lengths, item counts, required, list-type uniqueness) and the CEL rules. Validation ratchets on
 * update: a value equal to the old one is not validated again. Not covered: allOf/anyOf/oneOf/not,
 * multipleOf on floats beyond a simple remainder, and formats other than date-time, date, uuid and byte.
 */
import { evaluateRules } from './cel.ts';
import type { FieldError } from './errors.ts';
import { keyOf } from './fieldpath.ts';
import { copy, deepEqual, isObject, jsonType, type Json } from './json.ts';

const OBJECT_META = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
const sub = (schema: Json, key: string): Json | undefined => {
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const found = properties?.[key] ?? schema.additionalProperties;
  return isObject(found) ? found : undefined;
};
const preserves = (schema: Json) =>
  schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true;

/** Drops ObjectMeta fields that do not exist, reporting each as `metadata.<field>`. */
export function pruneMetadata(metadata: Json, unknown: string[]): void {
  for (const key of Object.keys(metadata)) {
    if (!OBJECT_META.has(key)) {
      delete metadata[key];
      unknown.push(`metadata.${key}`);
    }
  }
}

/** Removes the fields the schema does not declare (mutating `value`); their paths go to `unknown`. */
export function prune(schema: Json, value: unknown, path: string, unknown: string[], root = false): void {
  if (Array.isArray(value)) {
    if (isObject(schema.items))
      value.forEach((item, i) => prune(schema.items as Json, item, `${path}[${i}]`, unknown));
    return;
  }
  if (!isObject(value)) return;
  const embedded = root || schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if (embedded && (key === 'apiVersion' || key === 'kind')) continue;
    if (embedded && key === 'metadata') {
      if (isObject(value.metadata)) pruneMetadata(value.metadata, unknown);
      continue;
    }
    const declared = sub(schema, key);
    if (declared) prune(declared, value[key], child(path, key), unknown);
    else if (!preserves(schema)) {
      delete value[key];
      unknown.push(child(path, key));
    }
  }
}

/** Fills in defaults top-down, so defaults inside a defaulted object apply too. Nulls of non-nullable fields go first. */
export function applyDefaults(schema: Json, value: unknown): void {
  if (Array.isArray(value)) {
    if (isObject(schema.items)) for (const item of value) applyDefaults(schema.items, item);
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, declared] of Object.entries(properties)) {
    if (!isObject(declared) || key === 'metadata') continue;
    if (value[key] === null && declared.nullable !== true) delete value[key];
    if (value[key] === undefined && declared.default !== undefined) value[key] = copy(declared.default);
    if (value[key] !== undefined) applyDefaults(declared, value[key]);
  }
  if (isObject(schema.additionalProperties)) {
    for (const key of Object.keys(value)) {
      if (!(key in properties)) applyDefaults(schema.additionalProperties, value[key]);
    }
  }
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

function typeMatches(schema: Json, value: unknown): boolean {
  if (schema['x-kubernetes-int-or-string'] === true)
    return typeof value === 'string' || Number.isInteger(value);
  switch (schema.type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function checkScalar(schema: Json, value: unknown, path: string, errors: FieldError[]): void {
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
    const supported = schema.enum.map((e) => JSON.stringify(e)).join(', ');
    errors.push({
      type: 'FieldValueNotSupported',
      field: path,
      value,
      detail: `supported values: ${supported}`,
    });
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      errors.push({
        type: 'FieldValueTooLong',
        field: path,
        detail: `may not be more than ${schema.maxLength} bytes`,
      });
    }
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      const detail = `${path} in body should be at least ${schema.minLength} chars long`;
      errors.push({ type: 'FieldValueInvalid', field: path, value, detail });
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      const detail = `${path} in body should match '${schema.pattern}'`;
      errors.push({ type: 'FieldValueInvalid', field: path, value, detail });
    }
    const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
    if (format && !format.test(value)) {
      const detail = `${path} in body must be of type ${String(schema.format)}: ${JSON.stringify(value)}`;
      errors.push({ type: 'FieldValueTypeInvalid', field: path, value, detail });
    }
  }
  if (typeof value === 'number') {
    const bound = (limit: unknown, exclusive: unknown, below: boolean) => {
      if (typeof limit !== 'number') return;
      const fails = below
        ? exclusive
          ? value <= limit
          : value < limit
        : exclusive
          ? value >= limit
          : value > limit;
      if (!fails) return;
      const relation = below ? 'greater than' : 'less than';
      const detail = `${path} in body should be ${relation}${exclusive ? '' : ' or equal to'} ${limit}`;
      errors.push({ type: 'FieldValueInvalid', field: path, value, detail });
    };
    bound(schema.minimum, schema.exclusiveMinimum, true);
    bound(schema.maximum, schema.exclusiveMaximum, false);
    if (typeof schema.multipleOf === 'number' && value % schema.multipleOf !== 0) {
      const detail = `${path} in body should be a multiple of ${schema.multipleOf}`;
      errors.push({ type: 'FieldValueInvalid', field: path, value, detail });
    }
  }
}

function checkArray(schema: Json, value: unknown[], path: string, errors: FieldError[]): void {
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    errors.push({
      type: 'FieldValueTooMany',
      field: path,
      value: value.length,
      detail: `must have at most ${schema.maxItems} items`,
    });
  }
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    const detail = `${path} in body should have at least ${schema.minItems} items`;
    errors.push({ type: 'FieldValueInvalid', field: path, value, detail });
  }
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set' || listType === 'map') {
    const rawKeys = schema['x-kubernetes-list-map-keys'];
    const keys = Array.isArray(rawKeys) ? rawKeys.map(String) : [];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const key = listType === 'set' ? JSON.stringify(item) : keyOf(item, keys);
      if (seen.has(key)) {
        const shown: unknown = listType === 'set' ? item : JSON.parse(key);
        errors.push({ type: 'FieldValueDuplicate', field: `${path}[${i}]`, value: shown });
      }
      seen.add(key);
    });
  }
}

interface Old {
  found: boolean;
  value: unknown;
}

function validateNode(
  schema: Json,
  value: unknown,
  path: string,
  old: Old | undefined,
  errors: FieldError[],
  rules: FieldError[],
): void {
  if (old?.found && deepEqual(old.value, value)) return;
  if (value === null && schema.nullable === true) return;
  if (!typeMatches(schema, value)) {
    const detail = `${path} in body must be of type ${String(schema.type)}: ${JSON.stringify(jsonType(value))}`;
    errors.push({ type: 'FieldValueTypeInvalid', field: path, value: jsonType(value), detail });
    return;
  }
  checkScalar(schema, value, path, errors);
  if (Array.isArray(value)) {
    checkArray(schema, value, path, errors);
    const items = isObject(schema.items) ? schema.items : undefined;
    const oldItems = old?.found && Array.isArray(old.value) ? old.value : undefined;
    if (items)
      value.forEach((item, i) =>
        validateNode(items, item, `${path}[${i}]`, oldAt(oldItems, i, item, schema), errors, rules),
      );
  } else if (isObject(value)) {
    for (const name of Array.isArray(schema.required) ? schema.required : []) {
      if (value[String(name)] === undefined)
        errors.push({ type: 'FieldValueRequired', field: child(path, String(name)), detail: '' });
    }
    const oldObject = old?.found && isObject(old.value) ? old.value : undefined;
    for (const [key, item] of Object.entries(value)) {
      if (path === '' && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
      const declared = sub(schema, key);
      const previous =
        oldObject && key in oldObject
          ? { found: true, value: oldObject[key] }
          : oldObject
            ? { found: false, value: undefined }
            : undefined;
      if (declared) validateNode(declared, item, child(path, key), previous, errors, rules);
    }
  }
  rules.push(...evaluateRules(schema, value, old, path));
}

/** The old counterpart of a list item: by key for map lists, by value for sets, else by index. */
function oldAt(oldItems: unknown[] | undefined, index: number, item: unknown, schema: Json): Old | undefined {
  if (!oldItems) return undefined;
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'map') {
    const rawKeys = schema['x-kubernetes-list-map-keys'];
    const keys = Array.isArray(rawKeys) ? rawKeys.map(String) : [];
    const match = oldItems.find((o) => keyOf(o, keys) === keyOf(item, keys));
    return { found: match !== undefined, value: match };
  }
  if (listType === 'set') return { found: oldItems.some((o) => deepEqual(o, item)), value: item };
  return { found: index < oldItems.length, value: oldItems[index] };
}

/** Every schema and CEL error of a custom resource (with its old state on update). */
export function validateObject(schema: Json, object: Json, old: Json | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const rules: FieldError[] = [];
  validateNode(schema, object, '', old ? { found: true, value: old } : undefined, errors, rules);
  return [...errors, ...rules].map((e) => (e.field === '' ? { ...e, field: '<nil>' } : e));
}
