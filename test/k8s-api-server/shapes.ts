/**
 * How server-side apply merges each list and map of an object ("list-type" and "map-type"). For a custom
 * resource this comes from the CRD schema (x-kubernetes-list-type, -list-map-keys, -map-type); for the
 * built-in resources from a table of the associative lists their Go types declare. Lists not named here
 * are atomic, as unannotated lists are.
 */
import { isObject, type Json } from './json.ts';
import type { ResourceType } from './types.ts';

export interface ListInfo {
  type: 'atomic' | 'set' | 'map';
  keys: string[];
}

export interface Shape {
  list(names: string[]): ListInfo;
  atomicMap(names: string[]): boolean;
}

const ATOMIC: ListInfo = { type: 'atomic', keys: [] };
const map = (...keys: string[]): ListInfo => ({ type: 'map', keys });

function metadataList(names: string[]): ListInfo | undefined {
  if (names.length !== 2 || names[0] !== 'metadata') return undefined;
  if (names[1] === 'finalizers') return { type: 'set', keys: [] };
  if (names[1] === 'ownerReferences') return map('uid');
  return undefined;
}

const CONTAINERS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const CONTAINER_LISTS: Record<string, ListInfo> = {
  env: map('name'),
  ports: map('containerPort', 'protocol'),
  volumeMounts: map('mountPath'),
  volumeDevices: map('devicePath'),
  resizePolicy: map('resourceName'),
};
const POD_SPEC_LISTS: Record<string, ListInfo> = {
  volumes: map('name'),
  imagePullSecrets: map('name'),
  hostAliases: map('ip'),
  topologySpreadConstraints: map('topologyKey', 'whenUnsatisfiable'),
  resourceClaims: map('name'),
  schedulingGates: map('name'),
};
const ATOMIC_MAPS = new Set([
  'selector',
  'podSelector',
  'namespaceSelector',
  'labelSelector',
  'nodeSelector',
]);

const builtInShape: Shape = {
  list(names) {
    const meta = metadataList(names);
    if (meta) return meta;
    const last = names[names.length - 1] ?? '';
    const parent = names[names.length - 2] ?? '';
    if (CONTAINERS.has(last)) return map('name');
    if (CONTAINERS.has(parent) && CONTAINER_LISTS[last]) return CONTAINER_LISTS[last];
    if (parent === 'spec' && POD_SPEC_LISTS[last]) return POD_SPEC_LISTS[last];
    if (names.length === 2 && names[0] === 'spec' && last === 'ports') return map('port', 'protocol');
    if (names.length === 2 && names[0] === 'status' && last === 'conditions') return map('type');
    return ATOMIC;
  },
  atomicMap(names) {
    return ATOMIC_MAPS.has(names[names.length - 1] ?? '') && names[0] !== 'metadata';
  },
};

/** Follows field names down a structural schema. */
function schemaAt(schema: Json | undefined, names: string[]): Json | undefined {
  let node = schema;
  for (const name of names) {
    if (!node) return undefined;
    while (node && node.type === 'array' && isObject(node.items)) node = node.items;
    const properties = isObject(node?.properties) ? node.properties : undefined;
    const next: unknown = properties?.[name] ?? node?.additionalProperties;
    node = isObject(next) ? next : undefined;
  }
  return node;
}

function schemaShape(schema: Json): Shape {
  return {
    list(names) {
      const meta = metadataList(names);
      if (meta) return meta;
      const node = schemaAt(schema, names);
      const type = node?.['x-kubernetes-list-type'];
      if (type === 'set') return { type: 'set', keys: [] };
      if (type === 'map') {
        const keys = node?.['x-kubernetes-list-map-keys'];
        return map(...(Array.isArray(keys) ? keys.map(String) : []));
      }
      return ATOMIC;
    },
    atomicMap(names) {
      if (names[0] === 'metadata') return false;
      return schemaAt(schema, names)?.['x-kubernetes-map-type'] === 'atomic';
    },
  };
}

export function shapeOf(type: ResourceType): Shape {
  return type.schema ? schemaShape(type.schema) : builtInShape;
}
