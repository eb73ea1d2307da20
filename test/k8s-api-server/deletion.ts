/**
 * delete and deletecollection. An object with finalizers (or given an `orphan`/`foregroundDeletion`
 * finalizer by its propagationPolicy, or a CRD, which gets the cleanup finalizer) is only marked: it gets
 * deletionTimestamp and deletionGracePeriodSeconds 0 (and generation + 1), a MODIFIED event, and goes when
 * its last finalizer is removed. Otherwise it is removed at once with a DELETED event.
 */
import { CLEANUP_FINALIZER } from './crds.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import { copy, isObject, text, timestamp, type Json } from './json.ts';
import { listItem, matching } from './reads.ts';
import { apiVersionOf, storageKey } from './resources.ts';
import type { K8sObject, ResourceType } from './types.ts';
import type { Writer } from './writer.ts';

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
  dryRun?: boolean;
}

export function deleteOptions(body: string, query: URLSearchParams): DeleteOptions {
  let options: Json = {};
  if (body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed)) options = parsed;
    } catch {
      throw badRequest('error decoding DeleteOptions');
    }
  }
  const policy = query.get('propagationPolicy') ?? options.propagationPolicy;
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw badRequest(`propagationPolicy: Unsupported value: "${text(policy)}"`);
  }
  const orphan = query.get('orphanDependents') ?? options.orphanDependents;
  const dryRun =
    query.getAll('dryRun').length > 0 || (Array.isArray(options.dryRun) && options.dryRun.length > 0);
  return {
    propagationPolicy: policy,
    preconditions: isObject(options.preconditions) ? options.preconditions : undefined,
    orphanDependents: orphan === undefined ? undefined : text(orphan) === 'true',
    dryRun,
  };
}

export interface Deleted {
  body: Json;
  code: number;
  /** The object is gone (not just marked). */
  removed: boolean;
}

export function remove(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions,
): Deleted {
  const old = writer.get(type, namespace, name);
  if (!old) throw notFound(type, name);
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (uid && uid !== old.metadata.uid) {
    throw conflict(
      type,
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  if (resourceVersion && resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(
      type,
      name,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in meta: ${old.metadata.resourceVersion}`,
    );
  }
  const finalizers = [...(old.metadata.finalizers ?? [])];
  const policy = options.propagationPolicy ?? (options.orphanDependents ? 'Orphan' : 'Background');
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
    finalizers.push('foregroundDeletion');
  if (type.kind === 'CustomResourceDefinition' && !finalizers.includes(CLEANUP_FINALIZER))
    finalizers.push(CLEANUP_FINALIZER);
  const spec = isObject(old.spec) ? old.spec : {};
  const pendingSpec =
    type.kind === 'Namespace' && Array.isArray(spec.finalizers) && spec.finalizers.length > 0;

  if (finalizers.length > 0 || pendingSpec) {
    const unchanged =
      old.metadata.deletionTimestamp && finalizers.length === (old.metadata.finalizers ?? []).length;
    if (unchanged || options.dryRun) return { body: writer.present(type, old), code: 200, removed: false };
    const next = copy(old);
    next.metadata.finalizers = finalizers;
    if (!next.metadata.deletionTimestamp) {
      next.metadata.deletionTimestamp = timestamp();
      next.metadata.deletionGracePeriodSeconds = 0;
      if ((next.metadata.generation ?? 0) > 0) next.metadata.generation = next.metadata.generation! + 1;
      if (type.kind === 'Namespace')
        next.status = { ...(isObject(next.status) ? next.status : {}), phase: 'Terminating' };
      if (type.kind === 'CustomResourceDefinition') markTerminating(next);
    }
    writer.commit(type, old, next);
    const code = options.orphanDependents === false ? 202 : 200;
    return { body: writer.present(type, next), code, removed: false };
  }
  const last = copy(old);
  if (!options.dryRun) {
    last.metadata.resourceVersion = String(writer.store.nextRv());
    writer.store.remove(storageKey(type), last, old);
  }
  if (type.returnsDeletedObject) return { body: writer.present(type, last), code: 200, removed: true };
  const details: Json = { name, kind: type.plural, uid: old.metadata.uid };
  if (type.group) details.group = type.group;
  const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
  return { body, code: 200, removed: true };
}

function markTerminating(crd: K8sObject): void {
  const status = isObject(crd.status) ? crd.status : {};
  const conditions = Array.isArray(status.conditions)
    ? status.conditions.filter((c) => isObject(c) && c.type !== 'Terminating')
    : [];
  conditions.push({
    type: 'Terminating',
    status: 'True',
    lastTransitionTime: timestamp(),
    reason: 'InstanceDeletionPending',
    message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
  });
  crd.status = { ...status, conditions };
}

export function removeCollection(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
  options: DeleteOptions,
): Json {
  const items: Json[] = [];
  for (const object of matching(writer, type, namespace, query)) {
    const result = remove(writer, type, object.metadata.namespace, object.metadata.name, options);
    const current = result.removed
      ? object
      : writer.get(type, object.metadata.namespace, object.metadata.name);
    items.push(listItem(writer, type, current ?? object));
  }
  return {
    kind: type.listKind,
    apiVersion: apiVersionOf(type),
    metadata: { resourceVersion: String(writer.store.rv) },
    items,
  };
}
