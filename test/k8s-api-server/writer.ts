/**
 * The write pipeline every create, update, patch and apply goes through, as the generic registry store
 * runs it: system metadata, status-subresource resets, pruning and defaulting, validation, generation,
 * managed fields, the no-op check (a write that changes nothing keeps its resourceVersion and emits no
 * event), then the commit, which removes an object being deleted once its last finalizer is gone.
 */
import { randomUUID } from 'node:crypto';
import { prepareBuiltIn, initialStatus } from './builtins.ts';
import { crdStatus, validateCrd } from './crds.ts';
import { ApiError, badRequest, invalid, type FieldError } from './errors.ts';
import { copy, deepEqual, isObject, timestamp, type Json } from './json.ts';
import {
  decode,
  encode,
  sameManagers,
  settle,
  trackUpdate,
  type Actor,
  type Manager,
} from './managed-fields.ts';
import { validateMetadata } from './metadata.ts';
import type { Registry } from './registry.ts';
import { apiVersionOf, storageKey } from './resources.ts';
import { applyDefaults, prune, pruneMetadata, validateObject } from './schema.ts';
import { shapeOf } from './shapes.ts';
import type { Store } from './store.ts';
import type { K8sObject, ResourceType } from './types.ts';

export interface WriteContext {
  manager: string;
  dryRun: boolean;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  warnings: string[];
}

export interface WriteOp {
  subresource: string;
  /** Ownership computed by server-side apply; absent for the other writes (tracked as Update). */
  applied?: Manager[];
}

const SYSTEM_METADATA = [
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
] as const;

/** Reports (or with fieldValidation=Strict rejects) the fields that were pruned. */
export function reportUnknown(unknown: string[], ctx: WriteContext): void {
  if (unknown.length === 0 || ctx.fieldValidation === 'Ignore') return;
  if (ctx.fieldValidation === 'Strict') {
    throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
  for (const field of unknown) ctx.warnings.push(`unknown field "${field}"`);
}

function contentChanged(type: ResourceType, old: K8sObject, next: K8sObject): boolean {
  const content = (o: K8sObject) => {
    const { metadata: _m, status, ...rest } = o;
    return type.custom && !type.status ? { ...rest, status } : rest;
  };
  if (!deepEqual(content(old), content(next))) return true;
  return type.kind === 'Deployment' && !deepEqual(old.metadata.annotations, next.metadata.annotations);
}

function withoutVolatile(object: K8sObject): Json {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = object.metadata;
  return { ...object, metadata };
}

export class Writer {
  readonly registry: Registry;
  readonly store: Store;

  constructor(registry: Registry, store: Store) {
    this.registry = registry;
    this.store = store;
  }

  /** The object as read through `type`'s version (CRD versions share storage; conversion is None). */
  present(type: ResourceType, object: K8sObject): K8sObject {
    const apiVersion = apiVersionOf(type);
    return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
  }

  get(type: ResourceType, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.store.get(storageKey(type), type.namespaced ? namespace : undefined, name);
  }

  /** Runs the pipeline; returns the stored object (the old one for a no-op). */
  write(
    type: ResourceType,
    old: K8sObject | undefined,
    candidate: K8sObject,
    op: WriteOp,
    ctx: WriteContext,
  ): K8sObject {
    const next = this.#prepare(type, old, candidate, op, ctx);
    const errors = this.#validate(type, old, next, ctx);
    if (errors.length > 0) throw invalid(type, next.metadata.name, errors);
    if (type.generation) {
      next.metadata.generation = !old
        ? 1
        : (old.metadata.generation ?? 1) + (contentChanged(type, old, next) ? 1 : 0);
    }
    const before = decode(old?.metadata.managedFields);
    const actor: Actor = {
      manager: ctx.manager,
      apiVersion: apiVersionOf(type),
      subresource: op.subresource,
    };
    delete next.metadata.managedFields;
    const changed = !old || !deepEqual(withoutVolatile(old), withoutVolatile(next));
    const managers = op.applied
      ? settle(
          before,
          op.applied,
          next,
          (m) =>
            changed &&
            m.operation === 'Apply' &&
            m.manager === actor.manager &&
            m.subresource === actor.subresource,
        )
      : trackUpdate(before, old, next, actor, shapeOf(type));
    if (old && !changed && sameManagers(before, managers)) return old;
    const managedFields = encode(managers);
    if (managedFields) next.metadata.managedFields = managedFields;
    if (ctx.dryRun) return next;
    return this.commit(type, old, next);
  }

  /** Stores `next` under a new resourceVersion, or removes it when it is being deleted and nothing holds it. */
  commit(type: ResourceType, old: K8sObject | undefined, next: K8sObject): K8sObject {
    next.metadata.resourceVersion = String(this.store.nextRv());
    if (old && next.metadata.deletionTimestamp && !this.#held(next)) {
      this.store.remove(storageKey(type), next, old);
    } else {
      this.store.put(storageKey(type), next, old);
    }
    return next;
  }

  /** Finalizers (and a Namespace's spec.finalizers) keep an object being deleted. */
  #held(object: K8sObject): boolean {
    if ((object.metadata.finalizers ?? []).length > 0) return true;
    const spec = isObject(object.spec) ? object.spec : {};
    return object.kind === 'Namespace' && Array.isArray(spec.finalizers) && spec.finalizers.length > 0;
  }

  #prepare(
    type: ResourceType,
    old: K8sObject | undefined,
    candidate: K8sObject,
    op: WriteOp,
    ctx: WriteContext,
  ): K8sObject {
    let next = copy(candidate);
    if (op.subresource === 'status' && old) {
      const status = next.status;
      next = copy(old);
      if (status === undefined) delete next.status;
      else next.status = status;
    }
    next.apiVersion = type.storageApiVersion;
    next.kind = type.kind;
    const metadata = isObject(next.metadata) ? next.metadata : { name: '' };
    const unknown: string[] = [];
    pruneMetadata(metadata, unknown);
    next.metadata = metadata;
    if (old) {
      if (metadata.name !== old.metadata.name) {
        throw badRequest(
          `the name of the object (${metadata.name}) does not match the name on the URL (${old.metadata.name})`,
        );
      }
      const meta: Record<string, unknown> = metadata;
      for (const key of SYSTEM_METADATA) {
        if (old.metadata[key] === undefined) delete meta[key];
        else meta[key] = old.metadata[key];
      }
      metadata.resourceVersion = old.metadata.resourceVersion;
    } else {
      metadata.uid = randomUUID();
      metadata.creationTimestamp = timestamp();
      for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const)
        delete metadata[key];
    }
    if (type.namespaced) metadata.namespace = old?.metadata.namespace ?? metadata.namespace;
    else delete metadata.namespace;
    if (type.status && op.subresource !== 'status') {
      if (old) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      } else if (type.custom) delete next.status;
      else {
        const status = initialStatus(next);
        if (status) next.status = status;
        else delete next.status;
      }
    }
    if (type.custom && type.schema) {
      prune(type.schema, next, '', unknown, true);
      applyDefaults(type.schema, next);
    }
    reportUnknown(unknown, ctx);
    if (type.kind === 'CustomResourceDefinition' && op.subresource !== 'status')
      next.status = crdStatus(next, old);
    return next;
  }

  #validate(
    type: ResourceType,
    old: K8sObject | undefined,
    next: K8sObject,
    ctx: WriteContext,
  ): FieldError[] {
    const errors = validateMetadata(type, next, ctx.warnings);
    if (old?.metadata.deletionTimestamp) {
      const added = (next.metadata.finalizers ?? []).filter(
        (f) => !(old.metadata.finalizers ?? []).includes(f),
      );
      if (added.length > 0) {
        errors.push({
          type: 'FieldValueForbidden',
          field: 'metadata.finalizers',
          detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
        });
      }
    }
    if (!type.custom) errors.push(...prepareBuiltIn(next, old));
    if (type.kind === 'CustomResourceDefinition') errors.push(...validateCrd(next));
    if (type.custom && type.schema) errors.push(...validateObject(type.schema, next, old));
    return errors;
  }
}

export function rejectCreateWithResourceVersion(candidate: K8sObject): void {
  if (candidate.metadata.resourceVersion) {
    throw new ApiError(
      500,
      'InternalError',
      'Internal error occurred: resourceVersion should not be set on objects to be created',
      {
        causes: [{ message: 'resourceVersion should not be set on objects to be created' }],
      },
    );
  }
}
