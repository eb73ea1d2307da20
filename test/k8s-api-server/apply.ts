/**
 * Server-side apply (application/apply-patch+yaml), following sigs.k8s.io/structured-merge-diff:
 * - the intent is merged into the live object: maps field by field, associative lists item by item (by
 *   their keys), sets by value, atomic lists and maps replaced whole;
 * - a field the intent sets to a different value than the live one, and that another manager owns, is a
 *   conflict (409) unless `force`, which takes the field over;
 * - fields this manager applied before and now omits are removed unless another manager owns them, and
 *   maps and lists left empty by that removal go too;
 * - the manager's Apply entry then owns exactly the intent's fields.
 *
 * Simplified: which lists are associative comes from the CRD schema or, for built-in kinds, from a short table
 * (shapes.ts: metadata.finalizers as a set, metadata.ownerReferences by uid, containers/env/ports/volumes/
 * volumeMounts by their keys, Service ports, status.conditions by type); every other list is atomic and is
 * replaced whole. Merged associative lists keep the live order and append new items at the end. An explicit
 * null in the intent removes nothing and owns nothing.
 */
import { ApiError } from './errors.ts';
import {
  SEP,
  collect,
  describe,
  getAt,
  isWithin,
  keyOf,
  removeAt,
  sameAt,
  split,
  type FieldSet,
} from './fieldpath.ts';
import { copy, deepEqual, isObject, type Json } from './json.ts';
import { managedContent, sameActor, type Actor, type Manager } from './managed-fields.ts';
import type { Shape } from './shapes.ts';
import type { K8sObject } from './types.ts';

function printManager(m: Manager): string {
  let text = JSON.stringify(m.manager);
  if (m.subresource) text += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update')
    text += m.time ? ` using ${m.apiVersion} at ${m.time}` : ` using ${m.apiVersion}`;
  return text;
}

function conflictError(conflicts: { manager: Manager; path: string }[]): ApiError {
  let message: string;
  if (conflicts.length === 1) {
    const [only] = conflicts;
    message = `Apply failed with 1 conflict: conflict with ${printManager(only!.manager)}: ${describe(only!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const key = printManager(c.manager);
      byManager.set(key, [...(byManager.get(key) ?? []), describe(c.path)]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((key) => [`conflicts with ${key}:`, ...byManager.get(key)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: describe(c.path),
  }));
  return new ApiError(409, 'Conflict', message, { causes });
}

/** Removes null values: an explicit null applies nothing. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
  return out;
}

function merge(live: unknown, intent: unknown, shape: Shape, names: string[]): unknown {
  if (isObject(intent)) {
    if (!isObject(live) || shape.atomicMap(names)) return copy(intent);
    const out: Json = { ...live };
    for (const [key, value] of Object.entries(intent))
      out[key] = merge(live[key], value, shape, [...names, key]);
    return out;
  }
  if (Array.isArray(intent)) {
    const list = shape.list(names);
    if (!Array.isArray(live) || list.type === 'atomic') return copy(intent);
    const out = [...(live as unknown[])];
    for (const item of intent) {
      if (list.type === 'set') {
        if (!out.some((x) => deepEqual(x, item))) out.push(copy(item));
        continue;
      }
      const key = keyOf(item, list.keys);
      const index = out.findIndex((x) => keyOf(x, list.keys) === key);
      if (index >= 0) out[index] = merge(out[index], item, shape, names);
      else out.push(copy(item));
    }
    return out;
  }
  return intent;
}

/** A key field of an associative list item goes with its item, never alone. */
function isKeyField(path: string): boolean {
  const elements = split(path);
  const [parent, last] = elements.slice(-2);
  if (!parent?.startsWith('k:') || !last?.startsWith('f:')) return false;
  return Object.hasOwn(JSON.parse(parent.slice(2)) as Json, last.slice(2));
}

function isEmpty(value: unknown): boolean {
  return (isObject(value) && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0);
}

export function serverSideApply(
  live: K8sObject,
  intent: Json,
  managers: Manager[],
  actor: Actor,
  force: boolean,
  shape: Shape,
): { object: K8sObject; managers: Manager[] } {
  const applied: FieldSet = new Set();
  collect(managedContent(intent), shape, [], [], applied);
  applied.delete('');
  const others = managers.filter((m) => !sameActor(m, actor, 'Apply'));

  const conflicts: { manager: Manager; path: string }[] = [];
  for (const path of applied) {
    if (sameAt(live, intent, path)) continue;
    for (const m of others) if (m.fields.has(path)) conflicts.push({ manager: m, path });
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  const taken = new Set(conflicts.map((c) => c.path));
  const result: Manager[] = others.map((m) => ({
    ...m,
    fields: new Set([...m.fields].filter((p) => !taken.has(p))),
  }));

  const object = merge(live, intent, shape, []) as K8sObject;
  const ownedElsewhere = (path: string) =>
    [...applied].some((p) => isWithin(p, path)) ||
    result.some((m) => [...m.fields].some((p) => isWithin(p, path)));
  const previous = managers.find((m) => sameActor(m, actor, 'Apply'))?.fields ?? new Set<string>();
  const released = [...previous].filter((p) => !applied.has(p)).sort((a, b) => a.length - b.length);
  for (const path of released) {
    if (ownedElsewhere(path) || isKeyField(path) || !getAt(object, path).found) continue;
    removeAt(object, path);
    const elements = split(path);
    for (
      let depth = elements.length - 1;
      depth > 1 || (depth === 1 && elements[0] !== 'f:metadata');
      depth--
    ) {
      const ancestor = elements.slice(0, depth).join(SEP);
      const at = getAt(object, ancestor);
      if (!at.found || !isEmpty(at.value) || ownedElsewhere(ancestor)) break;
      removeAt(object, ancestor);
    }
  }
  result.push({ ...actor, operation: 'Apply', time: undefined, fields: applied });
  return { object, managers: result };
}
