import type { KubeObject } from '../kube/client.ts';

/**
 * An informer's cache: objects by `namespace/name`. Stripped on the way in of what the operator never reads
 * (managedFields, kubectl's last-applied copy: together often most of an object), like controller-runtime's
 * cache transforms. A compact store keeps each object as its JSON text and parses it on every read, so readers
 * always get their own copy (the operator's memory at 1,000 tenants: docs/performance.md).
 */
export class ObjectStore {
  private readonly entries = new Map<string, { version: string; object: KubeObject | string }>();
  private readonly compact: boolean;

  constructor(compact: boolean) {
    this.compact = compact;
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  *[Symbol.iterator](): IterableIterator<[string, KubeObject]> {
    for (const [key, entry] of this.entries) yield [key, read(entry.object)];
  }

  get(key: string): KubeObject | undefined {
    const entry = this.entries.get(key);
    return entry && read(entry.object);
  }

  version(key: string): string | undefined {
    return this.entries.get(key)?.version;
  }

  set(key: string, object: KubeObject): void {
    const metadata = object.metadata;
    if (metadata) {
      delete metadata.managedFields;
      if (metadata.annotations?.[LAST_APPLIED]) {
        const { [LAST_APPLIED]: _dropped, ...annotations } = metadata.annotations;
        metadata.annotations = annotations;
      }
    }
    this.entries.set(key, {
      version: metadata?.resourceVersion ?? '',
      object: this.compact ? pack(object) : object,
    });
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const pack = (object: KubeObject): string => JSON.stringify(object);

const read = (object: KubeObject | string): KubeObject =>
  typeof object === 'string' ? (JSON.parse(object) as KubeObject) : object;
