/** Discovery documents: /api, /api/v1, /apis, /apis/<group> and /apis/<group>/<version>. */
import { resourceNotFound } from './errors.ts';
import type { Json } from './json.ts';
import type { Registry } from './registry.ts';
import type { ResourceType } from './types.ts';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resourceEntries(type: ResourceType): Json[] {
  const main: Json = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.plural === 'namespaces' ? ALL_VERBS.filter((v) => v !== 'deletecollection') : ALL_VERBS,
  };
  if (type.shortNames.length > 0) main.shortNames = type.shortNames;
  if (type.categories.length > 0) main.categories = type.categories;
  main.storageVersionHash = Buffer.from(`${type.group}/${type.version}/${type.kind}`)
    .toString('base64')
    .slice(0, 11);
  const entries = [main];
  if (type.status) {
    entries.push({
      name: `${type.plural}/status`,
      singularName: '',
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  return entries;
}

function groupDocument(registry: Registry, group: string): Json {
  const versions = registry
    .groupVersions(group)
    .map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** The discovery document for a path, or undefined when the path is not a discovery path. */
export function discovery(registry: Registry, segments: string[]): Json | undefined {
  const [root, first, second, ...rest] = segments;
  if (root === 'api' && first === undefined) {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
    };
  }
  if (root === 'api' && first === 'v1' && second === undefined) {
    return resourceList(registry, '', 'v1');
  }
  if (root !== 'apis') return undefined;
  if (first === undefined) {
    const groups = registry.groups().filter((g) => g !== '');
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupDocument(registry, g)) };
  }
  if (registry.groupVersions(first).length === 0) throw resourceNotFound();
  if (second === undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(registry, first) };
  if (rest.length === 0) {
    if (!registry.groupVersions(first).includes(second)) throw resourceNotFound();
    return resourceList(registry, first, second);
  }
  return undefined;
}

function resourceList(registry: Registry, group: string, version: string): Json {
  const types = registry.resources(group, version).sort((a, b) => a.plural.localeCompare(b.plural));
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap(resourceEntries),
  };
}

export function versionInfo(): Json {
  return {
    major: '1',
    minor: '33',
    gitVersion: 'v1.33.0-taskline-test',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
