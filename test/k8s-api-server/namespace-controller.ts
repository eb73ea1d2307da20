/**
 * The namespace controller: once a Namespace has a deletionTimestamp, every object in it is deleted; when
 * none is left, the `kubernetes` entry of spec.finalizers is cleared (as /finalize does) and it goes.
 */
import { typeOf, updateAs } from './controllers.ts';
import { remove } from './deletion.ts';
import type { StoreEvent } from './types.ts';
import type { WorkQueue } from './work-queue.ts';
import type { Writer } from './writer.ts';

const NAMESPACES = '/namespaces';

export class NamespaceController {
  readonly #writer: Writer;
  readonly #queue: WorkQueue;

  constructor(writer: Writer, queue: WorkQueue) {
    this.#writer = writer;
    this.#queue = queue;
  }

  onEvent(event: StoreEvent): void {
    const { object } = event;
    if (event.storage === NAMESPACES) {
      if (event.type !== 'DELETED' && object.metadata.deletionTimestamp)
        this.#queue.add(() => this.#sweep(object.metadata.name));
      return;
    }
    const namespace = object.metadata.namespace;
    if (event.type === 'DELETED' && namespace && this.#terminating(namespace))
      this.#queue.add(() => this.#sweep(namespace));
  }

  #terminating(namespace: string): boolean {
    return !!this.#writer.store.get(NAMESPACES, undefined, namespace)?.metadata.deletionTimestamp;
  }

  #sweep(namespace: string): void {
    const store = this.#writer.store;
    const ns = store.get(NAMESPACES, undefined, namespace);
    if (!ns?.metadata.deletionTimestamp) return;
    let left = 0;
    for (const storage of store.storages()) {
      if (storage === NAMESPACES) continue;
      for (const object of store.list(storage, namespace)) {
        const type = typeOf(this.#writer, object);
        if (type && !object.metadata.deletionTimestamp) {
          if (remove(this.#writer, type, namespace, object.metadata.name, {}).removed) continue;
        }
        left++;
      }
    }
    if (left > 0) return;
    updateAs(this.#writer, 'kube-controller-manager', ns, (next) => {
      next.spec = { ...(next.spec as object), finalizers: [] };
    });
  }
}
