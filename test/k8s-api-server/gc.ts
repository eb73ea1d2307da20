/**
 * The garbage collector of kube-controller-manager: when an owner is gone, its dependents (objects whose
 * ownerReferences carry its uid) are deleted in the background, or only lose the dangling reference when
 * another owner still exists. An object whose owners never existed is collected too. `orphan` and
 * `foregroundDeletion` finalizers are processed: orphaning strips the references from the dependents;
 * foreground deletion deletes the dependents and lets the owner go once no blocking dependent is left.
 */
import { typeOf, updateAs } from './controllers.ts';
import { remove } from './deletion.ts';
import type { K8sObject, OwnerReference, StoreEvent } from './types.ts';
import type { WorkQueue } from './work-queue.ts';
import type { Writer } from './writer.ts';

const MANAGER = 'kube-controller-manager';

export class GarbageCollector {
  readonly #writer: Writer;
  readonly #queue: WorkQueue;

  constructor(writer: Writer, queue: WorkQueue) {
    this.#writer = writer;
    this.#queue = queue;
  }

  onEvent(event: StoreEvent): void {
    const { object, previous } = event;
    const uid = object.metadata.uid!;
    if (event.type === 'DELETED') {
      for (const dependent of this.#writer.store.dependentsOf(uid))
        this.#queue.add(() => this.#attemptToDelete(dependent));
      for (const ref of object.metadata.ownerReferences ?? [])
        this.#queue.add(() => this.#processOwner(ref.uid));
      return;
    }
    const refs = JSON.stringify(object.metadata.ownerReferences ?? []);
    if (
      (object.metadata.ownerReferences ?? []).length > 0 &&
      refs !== JSON.stringify(previous?.metadata.ownerReferences ?? [])
    ) {
      this.#queue.add(() => this.#attemptToDelete(uid));
    }
    const finalizers = object.metadata.finalizers ?? [];
    if (
      object.metadata.deletionTimestamp &&
      (finalizers.includes('orphan') || finalizers.includes('foregroundDeletion'))
    ) {
      this.#queue.add(() => this.#processOwner(uid));
    }
  }

  #owner(dependent: K8sObject, ref: OwnerReference): { absent: boolean; waiting: boolean; unknown: boolean } {
    const ownerType = this.#writer.registry.byKind(ref.apiVersion, ref.kind);
    if (!ownerType) return { absent: false, waiting: false, unknown: true };
    const owner = this.#writer.store.byUid(ref.uid);
    const wrongNamespace =
      owner && ownerType.namespaced && owner.metadata.namespace !== dependent.metadata.namespace;
    if (!owner || wrongNamespace || owner.kind !== ref.kind)
      return { absent: true, waiting: false, unknown: false };
    const waiting =
      !!owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes('foregroundDeletion');
    return { absent: false, waiting, unknown: false };
  }

  #attemptToDelete(uid: string): void {
    const dependent = this.#writer.store.byUid(uid);
    const refs = dependent?.metadata.ownerReferences ?? [];
    if (!dependent || refs.length === 0) return;
    const states = refs.map((ref) => ({ ref, ...this.#owner(dependent, ref) }));
    const solid = states.filter((s) => !s.absent && !s.waiting);
    const dangling = states.filter((s) => s.absent).map((s) => s.ref.uid);
    if (solid.length > 0) {
      if (dangling.length > 0) {
        updateAs(this.#writer, MANAGER, dependent, (next) => {
          next.metadata.ownerReferences = refs.filter((r) => !dangling.includes(r.uid));
        });
      }
      return;
    }
    if (dependent.metadata.deletionTimestamp) return;
    const type = typeOf(this.#writer, dependent);
    if (!type) return;
    const propagationPolicy = states.some((s) => s.waiting) ? 'Foreground' : 'Background';
    remove(this.#writer, type, dependent.metadata.namespace, dependent.metadata.name, { propagationPolicy });
  }

  #processOwner(uid: string): void {
    const owner = this.#writer.store.byUid(uid);
    if (!owner?.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    const dependents = this.#writer.store
      .dependentsOf(uid)
      .map((d) => this.#writer.store.byUid(d))
      .filter((d) => d !== undefined);
    if (finalizers.includes('orphan')) {
      for (const dependent of dependents) {
        updateAs(this.#writer, MANAGER, dependent, (next) => {
          next.metadata.ownerReferences = (dependent.metadata.ownerReferences ?? []).filter(
            (r) => r.uid !== uid,
          );
          if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
        });
      }
      this.#dropFinalizer(uid, 'orphan');
      return;
    }
    if (!finalizers.includes('foregroundDeletion')) return;
    for (const dependent of dependents) this.#attemptToDelete(dependent.metadata.uid!);
    const blocking = this.#writer.store
      .dependentsOf(uid)
      .map((d) => this.#writer.store.byUid(d))
      .filter((d) =>
        d?.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true),
      );
    if (blocking.length === 0) this.#dropFinalizer(uid, 'foregroundDeletion');
  }

  #dropFinalizer(uid: string, finalizer: string): void {
    const owner = this.#writer.store.byUid(uid);
    if (!owner) return;
    updateAs(this.#writer, MANAGER, owner, (next) => {
      next.metadata.finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
      if (next.metadata.finalizers.length === 0) delete next.metadata.finalizers;
    });
  }
}
