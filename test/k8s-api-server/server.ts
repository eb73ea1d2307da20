/**
 * An in-process Kubernetes API server for tests (DESIGN.md §4). It speaks the real HTTP protocol, so the real
 * @kubernetes/client-node (typed APIs, KubernetesObjectApi, Watch, makeInformer) runs against it unchanged:
 * discovery; list (label/field selectors, pagination, all namespaces), get, create, update, delete,
 * deletecollection; server-side apply with managed fields and conflicts, merge, JSON and strategic merge
 * patches; the status subresource; generation; finalizers and deletionTimestamp; watches replaying from a
 * resourceVersion with 410 Expired after compaction, bookmarks and selectors; CRDs served at once with their
 * schema's pruning, defaults, validation and CEL rules; and, as kube-controller-manager would, garbage
 * collection by owner uid and namespace deletion.
 *
 * Simplified against the real kube-apiserver:
 * - Server-side apply: lists are atomic unless declared associative (CRD x-kubernetes-list-type, or for
 *   built-in kinds a table: metadata.finalizers as a set, ownerReferences by uid, containers/env/ports/
 *   volumes/volumeMounts by their keys, Service ports, status.conditions by type); merged lists keep the
 *   live order and append new items. Update managers are not capped ("ancient-changes").
 * - Strategic merge patch is a JSON merge patch (no $patch directives, lists replaced whole).
 * - Built-in kinds have no schema: fields are stored as sent (no pruning); a few strategies are emulated
 *   (Deployment/Pod/Service/Secret/Namespace defaults, the common Deployment/Service/ConfigMap checks).
 * - One resourceVersion counter and one bounded event history (historySize, default 10,000) for all kinds;
 *   lists are always served from the latest state (resourceVersion/resourceVersionMatch are not honoured
 *   except that a future resourceVersion is refused); a continue token does not pin a snapshot.
 * - Watches replay only what the history kept; a too-new resourceVersion fails at once (no 3 s wait).
 * - core/v1 and events.k8s.io/v1 Events are stored apart (no conversion); CRD versions share storage with
 *   conversion None (apiVersion rewritten); no conversion webhooks, admission webhooks, RBAC or protobuf.
 * - Namespaces need not exist; a terminating one refuses new objects. Tokens other than the configured one
 *   get 401; requests without a token are allowed.
 * - CEL: @marcbachmann/cel-js with a few Kubernetes library functions; no cost limits.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { controllerContext } from './controllers.ts';
import { CRDS, CrdController } from './crd-controller.ts';
import { GarbageCollector } from './gc.ts';
import { handle } from './handler.ts';
import { kubeconfigFor } from './kubeconfig.ts';
import { NamespaceController } from './namespace-controller.ts';
import { Registry } from './registry.ts';
import { storageKey } from './resources.ts';
import { Store } from './store.ts';
import type { K8sObject, RequestRecord } from './types.ts';
import { WatchHub } from './watch.ts';
import { WorkQueue } from './work-queue.ts';
import { Writer } from './writer.ts';

export type { K8sObject, RequestRecord } from './types.ts';

export interface KubeApiTestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** A kubeconfig YAML text pointing at url (token auth `test`), for KubeConfig.loadFromString. */
  kubeconfig(namespace?: string): string;
  /** Every request since start or resetRequests(). */
  requests(): RequestRecord[];
  resetRequests(): void;
  /** The mutating requests (create, update, patch, delete, deletecollection) since reset. */
  writes(): RequestRecord[];
  /** Abruptly destroys every open watch connection, as on an API server crash. */
  breakWatches(): void;
  /** Ends every open watch cleanly (as a watch timeout does); clients reconnect from their resourceVersion. */
  endWatches(): void;
  /** Forgets the event history: a watch from an older resourceVersion then gets 410 Expired. */
  compact(): void;
  /** Stops listening and drops every connection, then listens again on the same port, keeping the store. */
  restart(options?: { downtimeMs?: number }): Promise<void>;
  stop(): Promise<void>;
  /** A copy of a stored object, for assertions. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test peek, asserted on freely
  object(apiVersion: string, kind: string, namespace: string | undefined, name: string): any;
  /** Resolves when the emulated controllers (GC, namespace and CRD cleanup) have nothing left to do. */
  settled(): Promise<void>;
  /** The number of open watch streams. */
  openWatches(): number;
  /** The current resourceVersion. */
  resourceVersion(): string;
}

export interface KubeApiServerOptions {
  port?: number;
  /** Emulate kube-controller-manager's garbage collector and namespace controller (default true). */
  garbageCollect?: boolean;
  /** Watch events kept for replay (default 10,000). */
  historySize?: number;
  /** How often watches with allowWatchBookmarks get a BOOKMARK (default 60 s, as the real server roughly does). */
  bookmarkIntervalMs?: number;
  /** The bearer token the kubeconfig carries and the server accepts (default `test`). */
  token?: string;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiTestServer> {
  const token = options.token ?? 'test';
  const registry = new Registry();
  const store = new Store(options.historySize ?? 10_000);
  const writer = new Writer(registry, store);
  const queue = new WorkQueue();
  const watches = new WatchHub(writer, options.bookmarkIntervalMs ?? 60_000);
  const crds = new CrdController(writer, queue);
  store.onChange((event) => crds.onEvent(event));
  if (options.garbageCollect ?? true) {
    const gc = new GarbageCollector(writer, queue);
    const namespaces = new NamespaceController(writer, queue);
    store.onChange((event) => gc.onEvent(event));
    store.onChange((event) => namespaces.onEvent(event));
  }
  store.onChange((event) => watches.onEvent(event));
  store.onChange((event) => {
    if (event.storage !== CRDS || event.type !== 'DELETED') return;
    const spec = event.object.spec as { group: string; names: { plural: string } };
    watches.endStorage(`${spec.group}/${spec.names.plural}`);
  });

  const namespaceType = registry.get('', 'v1', 'namespaces')!;
  for (const name of SYSTEM_NAMESPACES) {
    const namespace: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    writer.write(
      namespaceType,
      undefined,
      namespace,
      { subresource: '' },
      controllerContext('kube-apiserver'),
    );
  }

  let log: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    void handle(request, response, { writer, watches, token, log });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });

  return {
    url,
    kubeconfig: (namespace) => kubeconfigFor(url, token, namespace),
    requests: () => [...log],
    resetRequests: () => {
      log = [];
    },
    writes: () => log.filter((r) => WRITE_VERBS.has(r.verb)),
    breakWatches: () => watches.breakAll(),
    endWatches: () => watches.endAll(),
    compact: () => store.history.compact(store.rv),
    restart: async ({ downtimeMs = 0 } = {}) => {
      await close();
      if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      await listen(server, port);
    },
    stop: async () => {
      queue.stop();
      await close();
    },
    object: (apiVersion, kind, namespace, name) => {
      const type = registry.byKind(apiVersion, kind);
      const found = type && store.get(storageKey(type), type.namespaced ? namespace : undefined, name);
      return found ? structuredClone(writer.present(type, found)) : undefined;
    },
    settled: () => queue.idle(),
    openWatches: () => watches.size,
    resourceVersion: () => String(store.rv),
  };
}
