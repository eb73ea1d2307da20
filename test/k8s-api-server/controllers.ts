/** Shared helpers of the emulated controllers: typed lookups and writes under a controller's name. */
import type { K8sObject, ResourceType } from './types.ts';
import type { WriteContext, Writer } from './writer.ts';

export function controllerContext(manager: string): WriteContext {
  return { manager, dryRun: false, fieldValidation: 'Ignore', warnings: [] };
}

export function typeOf(writer: Writer, object: K8sObject): ResourceType | undefined {
  return writer.registry.byKind(object.apiVersion, object.kind);
}

/** Writes a changed copy of an object as a controller's update. */
export function updateAs(
  writer: Writer,
  manager: string,
  object: K8sObject,
  change: (copy: K8sObject) => void,
): void {
  const type = typeOf(writer, object);
  if (!type) return;
  const next = structuredClone(object);
  change(next);
  writer.write(type, object, next, { subresource: '' }, controllerContext(manager));
}
