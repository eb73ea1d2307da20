/**
 * Field paths and field sets as server-side apply tracks them (sigs.k8s.io/structured-merge-diff).
 * A path is a list of elements: `f:<field>`, `k:<json of the key fields>` for an item of an associative
 * list, `v:<json value>` for an item of a set. A field set holds leaf paths (a scalar, an atomic list or
 * map, an empty map, a list item); it is kept as a Set of path strings joined by SEP.
 */
import { deepEqual, isObject, type Json } from './json.ts';
import type { Shape } from './shapes.ts';

export const SEP = '\u0001';
export type FieldSet = Set<string>;

export function keyOf(item: unknown, keys: string[]): string {
  const fields: Json = {};
  for (const key of [...keys].sort()) {
    if (isObject(item) && item[key] !== undefined) fields[key] = item[key];
  }
  return JSON.stringify(fields);
}

/** Adds the leaf paths of `value` (found at `path`, whose field names are `names`) to `out`. */
export function collect(value: unknown, shape: Shape, path: string[], names: string[], out: FieldSet): void {
  if (isObject(value) && !shape.atomicMap(names)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (keys.length === 0 && path.length > 0) out.add(path.join(SEP));
    for (const key of keys) collect(value[key], shape, [...path, `f:${key}`], [...names, key], out);
    return;
  }
  if (Array.isArray(value)) {
    const list = shape.list(names);
    if (list.type === 'set' && value.length > 0) {
      for (const item of value) out.add([...path, `v:${JSON.stringify(item)}`].join(SEP));
      return;
    }
    if (list.type === 'map' && value.length > 0) {
      for (const item of value) {
        const itemPath = [...path, `k:${keyOf(item, list.keys)}`];
        out.add(itemPath.join(SEP));
        if (!isObject(item)) continue;
        for (const key of Object.keys(item)) {
          if (item[key] !== undefined)
            collect(item[key], shape, [...itemPath, `f:${key}`], [...names, key], out);
        }
      }
      return;
    }
  }
  out.add(path.join(SEP));
}

export function split(path: string): string[] {
  return path === '' ? [] : path.split(SEP);
}

function step(current: unknown, element: string): { found: boolean; value: unknown; index?: number } {
  const body = element.slice(2);
  if (element.startsWith('f:')) {
    const found = isObject(current) && current[body] !== undefined;
    return { found, value: found ? current[body] : undefined };
  }
  if (!Array.isArray(current)) return { found: false, value: undefined };
  const index = element.startsWith('k:')
    ? current.findIndex((item) => keyOf(item, Object.keys(JSON.parse(body) as Json)) === body)
    : current.findIndex((item) => JSON.stringify(item) === body);
  return { found: index >= 0, value: current[index], index };
}

export function getAt(root: unknown, path: string): { found: boolean; value: unknown } {
  let current: { found: boolean; value: unknown } = { found: true, value: root };
  for (const element of split(path)) {
    current = step(current.value, element);
    if (!current.found) return current;
  }
  return current;
}

/** Removes the field or list item at `path` from a mutable object. */
export function removeAt(root: Json, path: string): void {
  const elements = split(path);
  const last = elements.pop();
  if (last === undefined) return;
  const parent = getAt(root, elements.join(SEP));
  if (!parent.found) return;
  if (last.startsWith('f:')) {
    if (isObject(parent.value)) delete parent.value[last.slice(2)];
    return;
  }
  const at = step(parent.value, last);
  if (at.found && Array.isArray(parent.value)) parent.value.splice(at.index!, 1);
}

/** Whether the value at `path` is the same in both objects (list items only need to exist in both). */
export function sameAt(a: unknown, b: unknown, path: string): boolean {
  const left = getAt(a, path);
  const right = getAt(b, path);
  if (left.found !== right.found) return false;
  const last = path.slice(path.lastIndexOf(SEP) + 1);
  return last.startsWith('k:') || last.startsWith('v:') || deepEqual(left.value, right.value);
}

export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + SEP);
}

/** The FieldsV1 form: nested objects, with `.` marking a member that also has members below it. */
export function toFieldsV1(set: FieldSet): Json {
  const root: Json = {};
  for (const path of [...set].sort()) {
    let node = root;
    for (const element of split(path)) node = (node[element] ??= {}) as Json;
    node['\u0000leaf'] = true;
  }
  const finish = (node: Json): Json => {
    const out: Json = {};
    const children = Object.keys(node).filter((k) => k !== '\u0000leaf');
    if (node['\u0000leaf'] && children.length > 0) out['.'] = {};
    for (const key of children) out[key] = finish(node[key] as Json);
    return out;
  };
  return finish(root);
}

export function fromFieldsV1(fields: unknown): FieldSet {
  const set: FieldSet = new Set();
  const walk = (node: unknown, path: string[]) => {
    if (!isObject(node)) return;
    const children = Object.keys(node).filter((k) => k !== '.');
    if ((children.length === 0 || '.' in node) && path.length > 0) set.add(path.join(SEP));
    for (const key of children) walk(node[key], [...path, key]);
  };
  walk(fields, []);
  return set;
}

/** `.spec.containers[name="web"].image`, as a conflict names a field. */
export function describe(path: string): string {
  return split(path)
    .map((element) => {
      const body = element.slice(2);
      if (element.startsWith('f:')) return `.${body}`;
      if (element.startsWith('v:')) return `[=${body}]`;
      const fields = JSON.parse(body) as Json;
      return `[${Object.entries(fields)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}
