/**
 * create (POST), update (PUT) and patch (PATCH: apply, merge, JSON and strategic merge patches).
 * Strategic merge patch is handled as a JSON merge patch (no patch directives, lists replaced whole); it is
 * refused for custom resources with 415, as the real server refuses it.
 */
import { parse as parseYaml } from 'yaml';
import { serverSideApply, withoutNulls } from './apply.ts';
import {
  ApiError,
  MODIFIED,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  unsupportedMediaType,
} from './errors.ts';
import { copy, isObject, text as asText, type Json } from './json.ts';
import { decode } from './managed-fields.ts';
import { jsonPatch, mergePatch } from './patches.ts';
import { apiVersionOf } from './resources.ts';
import { prune } from './schema.ts';
import { shapeOf } from './shapes.ts';
import type { K8sObject, ResourceType } from './types.ts';
import { rejectCreateWithResourceVersion, reportUnknown, type WriteContext, type Writer } from './writer.ts';

const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

export interface Written {
  object: K8sObject;
  code: number;
}

function parseBody(text: string, yaml: boolean): unknown {
  try {
    if (yaml && /^\s*[{[]/.test(text)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // not JSON after all: YAML flow style
      }
    }
    return yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw badRequest(`error decoding ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Parses a POST/PUT body and checks its kind, apiVersion and namespace against the request. */
function objectBody(
  type: ResourceType,
  text: string,
  contentType: string,
  namespace: string | undefined,
): K8sObject {
  const body = parseBody(text, contentType.includes('yaml'));
  if (!isObject(body)) throw badRequest(`the object provided is unrecognized (must be of type ${type.kind})`);
  if (type.custom && !body.kind) throw badRequest(`Object 'Kind' is missing in '${text.slice(0, 200)}'`);
  checkKind(type, body);
  const metadata = isObject(body.metadata) ? body.metadata : (body.metadata = {});
  if (
    type.namespaced &&
    metadata.namespace !== undefined &&
    metadata.namespace !== '' &&
    metadata.namespace !== namespace
  ) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return body as K8sObject;
}

function checkKind(type: ResourceType, body: Json): void {
  const apiVersion = body.apiVersion ?? apiVersionOf(type);
  const kind = body.kind ?? type.kind;
  const servedVersions = new Set([apiVersionOf(type), type.storageApiVersion]);
  if (kind !== type.kind || !servedVersions.has(asText(apiVersion))) {
    throw badRequest(
      `${asText(kind)} in version "${asText(apiVersion)}" cannot be handled as a ${type.kind}: the object provided is unrecognized`,
    );
  }
}

const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function checkNamespaceAndCrd(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): void {
  if (type.namespaced && namespace) {
    const ns = writer.store.get('/namespaces', undefined, namespace);
    if (ns?.metadata.deletionTimestamp) {
      throw forbidden(
        type,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }
  if (type.custom) {
    const crd = writer.store.get(
      'apiextensions.k8s.io/customresourcedefinitions',
      undefined,
      `${type.plural}.${type.group}`,
    );
    if (crd?.metadata.deletionTimestamp) {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'create not allowed while custom resource definition is terminating',
      );
    }
  }
}

export function create(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  text: string,
  contentType: string,
  ctx: WriteContext,
): Written {
  const body = objectBody(type, text, contentType, namespace);
  if (type.namespaced) body.metadata.namespace = namespace;
  if (!body.metadata.name && body.metadata.generateName) {
    const suffix = Array.from(
      { length: 5 },
      () => GENERATE_CHARS[Math.floor(Math.random() * GENERATE_CHARS.length)],
    ).join('');
    body.metadata.name = `${body.metadata.generateName}${suffix}`;
  }
  if (!body.metadata.name) {
    throw invalid(type, '', [
      { type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' },
    ]);
  }
  const name = body.metadata.name;
  rejectCreateWithResourceVersion(body);
  checkNamespaceAndCrd(writer, type, namespace, name);
  if (writer.get(type, namespace, name)) throw alreadyExists(type, name);
  return { object: writer.write(type, undefined, body, { subresource: '' }, ctx), code: 201 };
}

function checkPreconditions(
  type: ResourceType,
  old: K8sObject,
  body: K8sObject,
  requireVersion: boolean,
): void {
  const { uid, resourceVersion } = body.metadata;
  if (uid && uid !== old.metadata.uid) {
    throw conflict(
      type,
      old.metadata.name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  if (resourceVersion) {
    if (resourceVersion !== old.metadata.resourceVersion) throw conflict(type, old.metadata.name, MODIFIED);
  } else if (requireVersion && !type.unconditionalUpdate) {
    throw invalid(type, old.metadata.name, [
      {
        type: 'FieldValueInvalid',
        field: 'metadata.resourceVersion',
        value: 0,
        detail: 'must be specified for an update',
      },
    ]);
  }
}

export function update(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  subresource: string,
  text: string,
  contentType: string,
  ctx: WriteContext,
): Written {
  const body = objectBody(type, text, contentType, namespace);
  if (body.metadata.name && body.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  body.metadata.name = name;
  if (type.namespaced) body.metadata.namespace = namespace;
  const old = writer.get(type, namespace, name);
  if (!old) {
    if (!type.createOnUpdate || subresource) throw notFound(type, name);
    delete body.metadata.resourceVersion;
    checkNamespaceAndCrd(writer, type, namespace, name);
    return { object: writer.write(type, undefined, body, { subresource: '' }, ctx), code: 201 };
  }
  checkPreconditions(type, old, body, true);
  return { object: writer.write(type, old, body, { subresource }, ctx), code: 200 };
}

/** The part of an apply intent that can have owners, with the status subresource split respected. */
function applyContent(type: ResourceType, intent: Json, subresource: string): Json {
  const metadata = isObject(intent.metadata) ? intent.metadata : {};
  const { apiVersion: _a, kind: _k, metadata: _m, status, ...rest } = intent;
  const kept: Json = {};
  for (const key of ['labels', 'annotations', 'finalizers', 'ownerReferences']) {
    if (metadata[key] !== undefined) kept[key] = metadata[key];
  }
  if (subresource === 'status') return status === undefined ? {} : { status };
  const content: Json = Object.keys(kept).length > 0 ? { metadata: kept, ...rest } : rest;
  if (!type.status && status !== undefined) content.status = status;
  return withoutNulls(content) as Json;
}

function applyPatch(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  subresource: string,
  text: string,
  force: boolean,
  ctx: WriteContext,
  hasManager: boolean,
): Written {
  if (!hasManager)
    throw badRequest('PATCH /apply requires a fieldManager: fieldManager is required for apply requests');
  const intent = parseBody(text, true);
  if (!isObject(intent)) throw badRequest('error decoding YAML: apply patch must be an object');
  if (!intent.apiVersion || !intent.kind) {
    throw badRequest(`invalid object type: ${asText(intent.apiVersion)}, Kind=${asText(intent.kind)}`);
  }
  checkKind(type, intent);
  const metadata = isObject(intent.metadata) ? intent.metadata : {};
  if (metadata.name !== undefined && metadata.name !== name) {
    throw badRequest(
      `the name of the object (${asText(metadata.name)}) does not match the name on the URL (${name})`,
    );
  }
  if (type.namespaced && metadata.namespace !== undefined && metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const old = writer.get(type, namespace, name);
  if (!old && subresource) throw notFound(type, name);
  if (old && metadata.resourceVersion && metadata.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(type, name, MODIFIED);
  }
  if (type.custom && type.schema) {
    const unknown: string[] = [];
    prune(type.schema, intent, '', unknown, true);
    reportUnknown(unknown, ctx);
  }
  if (!old) checkNamespaceAndCrd(writer, type, namespace, name);
  const base: K8sObject = old
    ? copy(old)
    : {
        apiVersion: type.storageApiVersion,
        kind: type.kind,
        metadata: { name, ...(type.namespaced ? { namespace } : {}) },
      };
  const actor = { manager: ctx.manager, apiVersion: apiVersionOf(type), subresource };
  const result = serverSideApply(
    base,
    applyContent(type, intent, subresource),
    decode(old?.metadata.managedFields),
    actor,
    force,
    shapeOf(type),
  );
  const object = writer.write(type, old, result.object, { subresource, applied: result.managers }, ctx);
  return { object, code: old ? 200 : 201 };
}

export function patch(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  subresource: string,
  text: string,
  contentType: string,
  query: URLSearchParams,
  ctx: WriteContext,
): Written {
  const force = query.get('force') === 'true';
  if (contentType === APPLY)
    return applyPatch(
      writer,
      type,
      namespace,
      name,
      subresource,
      text,
      force,
      ctx,
      query.has('fieldManager'),
    );
  if (query.has('force')) throw badRequest('force flag must only be set for apply patches');
  const accepted = type.custom ? [JSON_PATCH, MERGE, APPLY] : [JSON_PATCH, MERGE, APPLY, STRATEGIC];
  if (!accepted.includes(contentType)) throw unsupportedMediaType(contentType, accepted);
  const old = writer.get(type, namespace, name);
  if (!old) throw notFound(type, name);
  const body = parseBody(text, false);
  const patched = contentType === JSON_PATCH ? jsonPatch(old, body) : mergePatch(old, body);
  if (!isObject(patched) || !isObject(patched.metadata))
    throw badRequest('the patch removed the object metadata');
  const candidate = patched as K8sObject;
  checkKind(type, candidate);
  if (type.namespaced && candidate.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  checkPreconditions(type, old, candidate, false);
  return { object: writer.write(type, old, candidate, { subresource }, ctx), code: 200 };
}
