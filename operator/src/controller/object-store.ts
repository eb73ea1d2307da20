import type { KubeObject } from '../kube/client.ts';

/**
 * An informer's cache: objects by `namespace/name`, each kept as its JSON text and parsed on every read, so readers
 * always get their own copy (the operator's memory at 1,000 tenants: docs/performance.md). Stripped on the way in
 * of what the operator never reads (managedFields, kubectl's last-applied copy: together often most of an object),
 * like controller-runtime's cache transforms.
 */
export class ObjectStore {
  private readonly entries = new Map<string, { version: string; json: string }>();

  get size(): number {
    return this.entries.size;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  get(key: string): KubeObject | undefined {
    const entry = this.entries.get(key);
    return entry && (JSON.parse(entry.json) as KubeObject);
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
    this.entries.set(key, { version: metadata?.resourceVersion ?? '', json: JSON.stringify(object) });
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
