/**
 * The object store: one table per stored resource (group/plural), indexed by namespace and name, plus a
 * uid index and an owner-uid → dependents index for the garbage collector. Every change takes the next
 * value of one global resourceVersion counter, goes into the watch history and reaches the listeners.
 * Stored objects are never mutated: a write replaces the object.
 */
import { History } from './history.ts';
import type { EventType, K8sObject, StoreEvent } from './types.ts';

type Table = Map<string, Map<string, K8sObject>>;
interface Location {
  storage: string;
  namespace: string;
  name: string;
}

export class Store {
  #rv = 1;
  readonly #tables = new Map<string, Table>();
  readonly #uids = new Map<string, Location>();
  readonly #dependents = new Map<string, Set<string>>();
  readonly history: History;
  readonly #listeners: ((event: StoreEvent) => void)[] = [];

  constructor(historySize: number) {
    this.history = new History(historySize);
  }

  get rv(): number {
    return this.#rv;
  }

  nextRv(): number {
    return ++this.#rv;
  }

  onChange(listener: (event: StoreEvent) => void): void {
    this.#listeners.push(listener);
  }

  get(storage: string, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.#tables
      .get(storage)
      ?.get(namespace ?? '')
      ?.get(name);
  }

  byUid(uid: string): K8sObject | undefined {
    const at = this.#uids.get(uid);
    return at && this.get(at.storage, at.namespace, at.name);
  }

  /** The objects of one namespace (or all of them), ordered by namespace then name as etcd keys are. */
  list(storage: string, namespace: string | undefined): K8sObject[] {
    const table = this.#tables.get(storage);
    if (!table) return [];
    const byName = (a: K8sObject, b: K8sObject) => (a.metadata.name < b.metadata.name ? -1 : 1);
    if (namespace !== undefined) return [...(table.get(namespace)?.values() ?? [])].sort(byName);
    return [...table.keys()].sort().flatMap((ns) => [...table.get(ns)!.values()].sort(byName));
  }

  /** Uids of the objects whose ownerReferences name `ownerUid`. */
  dependentsOf(ownerUid: string): string[] {
    return [...(this.#dependents.get(ownerUid) ?? [])];
  }

  storages(): string[] {
    return [...this.#tables.keys()];
  }

  put(storage: string, object: K8sObject, previous: K8sObject | undefined): void {
    const { name } = object.metadata;
    const namespace = object.metadata.namespace ?? '';
    let table = this.#tables.get(storage);
    if (!table) this.#tables.set(storage, (table = new Map<string, Map<string, K8sObject>>()));
    let names = table.get(namespace);
    if (!names) table.set(namespace, (names = new Map<string, K8sObject>()));
    names.set(name, object);
    this.#uids.set(object.metadata.uid!, { storage, namespace, name });
    this.#index(previous, false);
    this.#index(object, true);
    this.#emit(storage, previous ? 'MODIFIED' : 'ADDED', object, previous);
  }

  /** Removes an object; `last` is its final state, carrying the resourceVersion of the deletion. */
  remove(storage: string, last: K8sObject, previous: K8sObject): void {
    const namespace = last.metadata.namespace ?? '';
    const names = this.#tables.get(storage)?.get(namespace);
    names?.delete(last.metadata.name);
    if (names?.size === 0) this.#tables.get(storage)!.delete(namespace);
    this.#uids.delete(last.metadata.uid!);
    this.#index(previous, false);
    this.#emit(storage, 'DELETED', last, previous);
  }

  #index(object: K8sObject | undefined, add: boolean): void {
    for (const owner of object?.metadata.ownerReferences ?? []) {
      let set = this.#dependents.get(owner.uid);
      if (add) {
        if (!set) this.#dependents.set(owner.uid, (set = new Set()));
        set.add(object!.metadata.uid!);
      } else {
        set?.delete(object!.metadata.uid!);
        if (set?.size === 0) this.#dependents.delete(owner.uid);
      }
    }
  }

  #emit(storage: string, type: EventType, object: K8sObject, previous: K8sObject | undefined): void {
    const event: StoreEvent = {
      rv: Number(object.metadata.resourceVersion),
      storage,
      type,
      object,
      previous,
    };
    this.history.push(event);
    for (const listener of this.#listeners) listener(event);
  }
}
