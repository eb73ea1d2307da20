import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { collectionPath, type KindInfo } from '../resource/kinds.ts';

/**
 * The operator's only door to the Kubernetes API (DESIGN.md §2: the one importer of @kubernetes/client-node).
 * Writes go through server-side apply under one field manager, status through the status subresource.
 */
export const FIELD_MANAGER = 'taskline-operator';

export type KubeObject = KubernetesObject & { [field: string]: unknown };

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface Kube {
  list(info: KindInfo, options?: ListOptions): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** Streams events until the watch ends; `done` gets the error, if any. Returns a function that stops it. */
  watch(
    info: KindInfo,
    options: ListOptions & { resourceVersion: string; timeoutSeconds: number },
    onEvent: (event: WatchEvent) => void,
    done: (error: unknown) => void,
  ): Promise<() => void>;
  get(info: KindInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  apply(object: KubeObject): Promise<KubeObject>;
  create(object: KubeObject): Promise<KubeObject>;
  replace(object: KubeObject): Promise<KubeObject>;
  mergePatch(object: KubeObject): Promise<KubeObject>;
  /** Merge-patches `status` through the status subresource of a custom resource. */
  patchStatus(info: KindInfo, namespace: string, name: string, status: unknown): Promise<KubeObject>;
  /** Deletes; false when it was already gone. */
  delete(info: KindInfo, namespace: string | undefined, name: string): Promise<boolean>;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export function loadKubeConfig(kubeconfigPath?: string): KubeConfig {
  const config = new KubeConfig();
  if (kubeconfigPath) config.loadFromFile(kubeconfigPath);
  else config.loadFromDefault();
  return config;
}

export function statusCode(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  return undefined;
}

/** A readable message from an API error: the Status message when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiException) {
    try {
      const body = (typeof error.body === 'string' ? JSON.parse(error.body) : error.body) as {
        message?: string;
      };
      if (body?.message) return `${error.code}: ${body.message}`;
    } catch {
      // not JSON: fall through
    }
    return `HTTP ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const [groupOf, versionOf] = [
  (info: KindInfo) => (info.apiVersion.includes('/') ? info.apiVersion.split('/')[0]! : ''),
  (info: KindInfo) => info.apiVersion.split('/').at(-1)!,
];

export function createKube(config: KubeConfig): Kube {
  const objects = KubernetesObjectApi.makeApiClient(config);
  const custom = config.makeApiClient(CustomObjectsApi);
  const watcher = new Watch(config);
  const mergePatchHeaders = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

  return {
    async list(info, options = {}) {
      const list = await objects.list<KubeObject>(
        info.apiVersion,
        info.kind,
        options.namespace,
        undefined,
        undefined,
        undefined,
        options.fieldSelector,
        options.labelSelector,
      );
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    },

    async watch(info, options, onEvent, done) {
      const controller = await watcher.watch(
        collectionPath(info, options.namespace),
        {
          resourceVersion: options.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: options.timeoutSeconds,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
        },
        (type, object) => onEvent({ type: type as WatchEvent['type'], object: object as KubeObject }),
        done,
      );
      return () => controller.abort();
    },

    async get(info, namespace, name) {
      try {
        return await objects.read<KubeObject>({
          apiVersion: info.apiVersion,
          kind: info.kind,
          metadata: { name, ...(namespace ? { namespace } : {}) },
        });
      } catch (error) {
        if (statusCode(error) === 404) return undefined;
        throw error;
      }
    },

    apply: (object) =>
      objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply),

    create: (object) => objects.create(object, undefined, undefined, FIELD_MANAGER),

    replace: (object) => objects.replace(object, undefined, undefined, FIELD_MANAGER),

    mergePatch: (object) =>
      objects.patch(object, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch),

    async patchStatus(info, namespace, name, status) {
      return (await custom.patchNamespacedCustomObjectStatus(
        {
          group: groupOf(info),
          version: versionOf(info),
          namespace,
          plural: info.plural,
          name,
          body: { status },
          fieldManager: FIELD_MANAGER,
        },
        mergePatchHeaders,
      )) as KubeObject;
    },

    async delete(info, namespace, name) {
      try {
        await objects.delete({
          apiVersion: info.apiVersion,
          kind: info.kind,
          metadata: { name, ...(namespace ? { namespace } : {}) },
        });
        return true;
      } catch (error) {
        if (statusCode(error) === 404) return false;
        throw error;
      }
    },
  };
}
