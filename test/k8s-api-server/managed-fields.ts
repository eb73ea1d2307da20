/**
 * metadata.managedFields: who owns which fields. Apply entries hold exactly what a manager last applied;
 * Update entries (create, update, merge/JSON patch) gain the fields their write changed, which every other
 * manager loses. Fields that no longer exist are dropped from every entry.
 */
import { collect, fromFieldsV1, getAt, sameAt, toFieldsV1, type FieldSet } from './fieldpath.ts';
import { isObject, timestamp, type Json } from './json.ts';
import type { Shape } from './shapes.ts';
import type { K8sObject, ManagedFieldsEntry } from './types.ts';

export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  subresource: string;
  apiVersion: string;
  time: string | undefined;
  fields: FieldSet;
}

export interface Actor {
  manager: string;
  apiVersion: string;
  subresource: string;
}

export function sameActor(m: Manager, actor: Actor, operation: Manager['operation']): boolean {
  return m.manager === actor.manager && m.operation === operation && m.subresource === actor.subresource;
}

export function decode(entries: ManagedFieldsEntry[] | undefined): Manager[] {
  return (entries ?? []).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    subresource: e.subresource ?? '',
    apiVersion: e.apiVersion,
    time: e.time,
    fields: fromFieldsV1(e.fieldsV1),
  }));
}

export function encode(managers: Manager[]): ManagedFieldsEntry[] | undefined {
  const entries = managers
    .filter((m) => m.fields.size > 0)
    .sort(
      (p, q) =>
        p.operation.localeCompare(q.operation) ||
        (p.time ?? '').localeCompare(q.time ?? '') ||
        p.manager.localeCompare(q.manager) ||
        p.apiVersion.localeCompare(q.apiVersion) ||
        p.subresource.localeCompare(q.subresource),
    )
    .map((m) => {
      const entry: ManagedFieldsEntry = {
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        time: m.time,
        fieldsType: 'FieldsV1',
        fieldsV1: toFieldsV1(m.fields),
      };
      if (m.subresource) entry.subresource = m.subresource;
      return entry;
    });
  return entries.length > 0 ? entries : undefined;
}

const TRACKED_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

/** The part of an object whose fields have owners: not apiVersion/kind nor system metadata. */
export function managedContent(object: Json): Json {
  const { apiVersion: _a, kind: _k, metadata, ...rest } = object;
  const meta: Json = {};
  if (isObject(metadata)) {
    for (const key of TRACKED_METADATA) if (metadata[key] !== undefined) meta[key] = metadata[key];
  }
  return Object.keys(meta).length > 0 ? { metadata: meta, ...rest } : rest;
}

export function leaves(object: Json, shape: Shape): FieldSet {
  const set: FieldSet = new Set();
  collect(managedContent(object), shape, [], [], set);
  set.delete('');
  return set;
}

function setsEqual(a: FieldSet, b: FieldSet): boolean {
  return a.size === b.size && [...a].every((p) => b.has(p));
}

/**
 * Drops from every entry the fields `object` no longer has; stamps the time of entries whose fields
 * changed and of the acting entry.
 */
export function settle(
  before: Manager[],
  after: Manager[],
  object: K8sObject,
  acting: (m: Manager) => boolean = () => false,
): Manager[] {
  const now = timestamp();
  return after.map((m) => {
    const fields = new Set([...m.fields].filter((p) => getAt(object, p).found));
    const old = before.find(
      (b) => b.manager === m.manager && b.operation === m.operation && b.subresource === m.subresource,
    );
    const time = old && setsEqual(old.fields, fields) && !acting(m) ? old.time : now;
    return { ...m, fields, time };
  });
}

/** Ownership after a non-apply write by `actor` that turned `old` into `next`. */
export function trackUpdate(
  managers: Manager[],
  old: K8sObject | undefined,
  next: K8sObject,
  actor: Actor,
  shape: Shape,
): Manager[] {
  const changed = new Set([...leaves(next, shape)].filter((p) => !old || !sameAt(old, next, p)));
  const result = managers.map((m) => ({
    ...m,
    fields: new Set([...m.fields].filter((p) => !changed.has(p))),
  }));
  if (changed.size === 0) return settle(managers, result, next);
  let own = result.find((m) => sameActor(m, actor, 'Update'));
  if (!own) {
    own = { ...actor, operation: 'Update', time: undefined, fields: new Set() };
    result.push(own);
  }
  own.apiVersion = actor.apiVersion;
  for (const p of changed) own.fields.add(p);
  return settle(managers, result, next, (m) => sameActor(m, actor, 'Update'));
}

/** Equal ownership, ignoring times. */
export function sameManagers(a: Manager[], b: Manager[]): boolean {
  const live = (ms: Manager[]) => ms.filter((m) => m.fields.size > 0);
  const left = live(a);
  const right = live(b);
  return (
    left.length === right.length &&
    left.every((m) =>
      right.some(
        (n) =>
          n.manager === m.manager &&
          n.operation === m.operation &&
          n.subresource === m.subresource &&
          n.apiVersion === m.apiVersion &&
          setsEqual(n.fields, m.fields),
      ),
    )
  );
}
