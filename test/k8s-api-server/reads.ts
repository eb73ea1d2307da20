/** get and list (label and field selectors, limit/continue pagination, all-namespaces lists). */
import { ApiError, badRequest, expired, notFound } from './errors.ts';
import type { Json } from './json.ts';
import { apiVersionOf, storageKey } from './resources.ts';
import { fieldSelector, labelSelector } from './selectors.ts';
import type { K8sObject, ResourceType } from './types.ts';
import type { Writer } from './writer.ts';

export function read(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): K8sObject {
  const object = writer.get(type, namespace, name);
  if (!object) throw notFound(type, name);
  return writer.present(type, object);
}

/** A list item: built-in lists carry no apiVersion/kind on their items; custom resource lists do. */
export function listItem(writer: Writer, type: ResourceType, object: K8sObject): Json {
  if (type.custom) return writer.present(type, object);
  const { apiVersion: _a, kind: _k, ...item } = object;
  return item;
}

export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return new ApiError(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
  );
}

interface Continue {
  rv: number;
  after: string;
}

const positionOf = (o: K8sObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;

function decodeContinue(token: string): Continue {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as Continue;
    if (typeof parsed.rv === 'number' && typeof parsed.after === 'string') return parsed;
  } catch {
    // reported below
  }
  throw badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

/** The objects of a type that match the selectors, in key order. */
export function matching(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): K8sObject[] {
  const labels = labelSelector(query.get('labelSelector'));
  const fields = fieldSelector(query.get('fieldSelector'), type);
  return writer.store
    .list(storageKey(type), type.namespaced ? namespace : undefined)
    .filter((o) => labels.matches(o) && fields.matches(o));
}

export function list(
  writer: Writer,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): Json {
  const store = writer.store;
  const requested = Number(query.get('resourceVersion') || 0);
  if (requested > store.rv) throw tooLargeResourceVersion(requested, store.rv);
  let items = matching(writer, type, namespace, query);
  let rv = store.rv;
  const token = query.get('continue');
  if (token) {
    const position = decodeContinue(token);
    if (position.rv < store.history.compactedRv) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    rv = position.rv;
    items = items.filter((o) => positionOf(o) > position.after);
  }
  const metadata: Json = { resourceVersion: String(rv) };
  const limit = Number(query.get('limit') || 0);
  if (limit > 0 && items.length > limit) {
    const rest = items.length - limit;
    items = items.slice(0, limit);
    const next: Continue = { rv, after: positionOf(items[items.length - 1]!) };
    metadata.continue = Buffer.from(JSON.stringify(next)).toString('base64url');
    metadata.remainingItemCount = rest;
  }
  return {
    kind: type.listKind,
    apiVersion: apiVersionOf(type),
    metadata,
    items: items.map((o) => listItem(writer, type, o)),
  };
}
