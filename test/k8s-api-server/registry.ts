/** The resources being served, looked up by group/version/plural or by apiVersion and kind. */
import { apiVersionOf, builtInResources } from './resources.ts';
import type { ResourceType } from './types.ts';

export class Registry {
  readonly #types = new Map<string, ResourceType>();
  readonly #kinds = new Map<string, ResourceType>();
  /** Group name → its versions in preference order (the first is the preferred one). */
  readonly #groups = new Map<string, string[]>();

  constructor() {
    for (const type of builtInResources()) this.add(type);
  }

  add(type: ResourceType): void {
    this.#types.set(`${type.group}/${type.version}/${type.plural}`, type);
    this.#kinds.set(`${apiVersionOf(type)}/${type.kind}`, type);
    const versions = this.#groups.get(type.group) ?? [];
    if (!versions.includes(type.version)) versions.push(type.version);
    this.#groups.set(type.group, versions);
  }

  /** Stops serving every version of a group's resource (a CRD's). */
  remove(group: string, plural: string): void {
    for (const [key, type] of this.#types) {
      if (type.group !== group || type.plural !== plural) continue;
      this.#types.delete(key);
      this.#kinds.delete(`${apiVersionOf(type)}/${type.kind}`);
    }
    const left = [...this.#types.values()].filter((t) => t.group === group).map((t) => t.version);
    const versions = (this.#groups.get(group) ?? []).filter((v) => left.includes(v));
    if (versions.length > 0) this.#groups.set(group, versions);
    else this.#groups.delete(group);
  }

  get(group: string, version: string, plural: string): ResourceType | undefined {
    return this.#types.get(`${group}/${version}/${plural}`);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.#kinds.get(`${apiVersion}/${kind}`);
  }

  /** Every served version of one resource (several for a CRD with many versions). */
  versionsOf(group: string, plural: string): ResourceType[] {
    return [...this.#types.values()].filter((t) => t.group === group && t.plural === plural);
  }

  groupVersions(group: string): string[] {
    return this.#groups.get(group) ?? [];
  }

  groups(): string[] {
    return [...this.#groups.keys()];
  }

  resources(group: string, version: string): ResourceType[] {
    return [...this.#types.values()].filter((t) => t.group === group && t.version === version);
  }
}
