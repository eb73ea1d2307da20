/**
 * The apiextensions controllers: a CRD's resource is served (or re-served with its new schema) as soon as
 * the CRD is written, and no longer once it is gone. A deleted CRD keeps its cleanup finalizer until every
 * custom resource of it has been deleted.
 */
import { updateAs } from './controllers.ts';
import { CLEANUP_FINALIZER, typesOf } from './crds.ts';
import { remove } from './deletion.ts';
import { isObject } from './json.ts';
import type { K8sObject, StoreEvent } from './types.ts';
import type { WorkQueue } from './work-queue.ts';
import type { Writer } from './writer.ts';

export const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';

function identity(crd: K8sObject): { group: string; plural: string } {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  return { group: String(spec.group), plural: String(names.plural) };
}

export class CrdController {
  readonly #writer: Writer;
  readonly #queue: WorkQueue;

  constructor(writer: Writer, queue: WorkQueue) {
    this.#writer = writer;
    this.#queue = queue;
  }

  onEvent(event: StoreEvent): void {
    const registry = this.#writer.registry;
    if (event.storage === CRDS) {
      const { group, plural } = identity(event.object);
      registry.remove(group, plural);
      if (event.type === 'DELETED') return;
      for (const type of typesOf(event.object)) registry.add(type);
      if (event.object.metadata.deletionTimestamp)
        this.#queue.add(() => this.#cleanup(event.object.metadata.name));
      return;
    }
    if (event.type !== 'DELETED') return;
    const [group, plural] = event.storage.split('/') as [string, string];
    const crdName = `${plural}.${group}`;
    if (group && this.#writer.store.get(CRDS, undefined, crdName)?.metadata.deletionTimestamp) {
      this.#queue.add(() => this.#cleanup(crdName));
    }
  }

  #cleanup(name: string): void {
    const crd = this.#writer.store.get(CRDS, undefined, name);
    if (!crd?.metadata.deletionTimestamp) return;
    const { group, plural } = identity(crd);
    const type = this.#writer.registry.versionsOf(group, plural)[0];
    let left = 0;
    for (const object of this.#writer.store.list(`${group}/${plural}`, undefined)) {
      if (type && !object.metadata.deletionTimestamp) {
        if (remove(this.#writer, type, object.metadata.namespace, object.metadata.name, {}).removed) continue;
      }
      left++;
    }
    if (left > 0) return;
    updateAs(this.#writer, 'kube-apiserver', crd, (next) => {
      next.metadata.finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
    });
  }
}
