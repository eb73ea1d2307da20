/**
 * Watch streams: chunked newline-delimited JSON events. From resourceVersion R the kept history after R is
 * replayed before live events; R older than the compaction point gets a 410 Expired ERROR event and the
 * stream ends. Without R (or R=0) every current object comes first as ADDED. Selectors see transitions: an
 * object that stops matching is sent as DELETED, one that starts matching as ADDED. Bookmarks, timeoutSeconds
 * and sendInitialEvents (with the initial-events-end bookmark) are honoured.
 */
import type { ServerResponse } from 'node:http';
import type { Json } from './json.ts';
import { tooLargeResourceVersion } from './reads.ts';
import { apiVersionOf, storageKey } from './resources.ts';
import { fieldSelector, labelSelector, type Selector } from './selectors.ts';
import type { EventType, K8sObject, ResourceType, StoreEvent } from './types.ts';
import type { Writer } from './writer.ts';
import { ApiError, expired } from './errors.ts';

interface Watcher {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  labels: Selector;
  fields: Selector;
  bookmarks: boolean;
  response: ServerResponse;
  timers: NodeJS.Timeout[];
}

export class WatchHub {
  readonly #writer: Writer;
  readonly #bookmarkIntervalMs: number;
  readonly #watchers = new Map<string, Set<Watcher>>();

  constructor(writer: Writer, bookmarkIntervalMs: number) {
    this.#writer = writer;
    this.#bookmarkIntervalMs = bookmarkIntervalMs;
  }

  get size(): number {
    let n = 0;
    for (const set of this.#watchers.values()) n += set.size;
    return n;
  }

  onEvent(event: StoreEvent): void {
    for (const watcher of this.#watchers.get(event.storage) ?? []) this.#deliver(watcher, event);
  }

  /** Checks the request (throwing an ApiError before any byte is sent), then streams. */
  serve(
    response: ServerResponse,
    type: ResourceType,
    namespace: string | undefined,
    name: string | undefined,
    query: URLSearchParams,
  ): void {
    const store = this.#writer.store;
    const watcher: Watcher = {
      type,
      namespace: type.namespaced ? namespace : undefined,
      name,
      labels: labelSelector(query.get('labelSelector')),
      fields: fieldSelector(query.get('fieldSelector'), type),
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      response,
      timers: [],
    };
    const rv = query.get('resourceVersion') ?? '';
    if (rv !== '' && !/^\d+$/.test(rv))
      throw new ApiError(
        400,
        'BadRequest',
        `resourceVersion: Invalid value: "${rv}": must be a non-negative integer`,
      );
    const initialEvents = query.get('sendInitialEvents') === 'true';
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    response.flushHeaders();

    const requested = Number(rv || 0);
    if (requested > 0 && !initialEvents) {
      if (requested < store.history.compactedRv) {
        const error = expired(`too old resource version: ${requested} (${store.history.compactedRv})`);
        this.#send(watcher, 'ERROR', error.status());
        response.end();
        return;
      }
      if (requested > store.rv) {
        this.#send(watcher, 'ERROR', tooLargeResourceVersion(requested, store.rv).status());
        response.end();
        return;
      }
      for (const event of store.history.since(requested)) {
        if (event.storage === storageKey(type)) this.#deliver(watcher, event);
      }
    } else if (query.get('sendInitialEvents') !== 'false') {
      for (const object of store.list(storageKey(type), watcher.namespace)) {
        if (this.#matches(watcher, object)) this.#send(watcher, 'ADDED', this.#writer.present(type, object));
      }
      if (initialEvents && watcher.bookmarks) {
        this.#bookmark(watcher, { 'k8s.io/initial-events-end': 'true' });
      }
    }
    this.#add(watcher);
    const timeout = Number(query.get('timeoutSeconds') || 0);
    if (timeout > 0) {
      watcher.timers.push(
        setTimeout(() => {
          if (watcher.bookmarks) this.#bookmark(watcher);
          response.end();
        }, timeout * 1000),
      );
    }
    if (watcher.bookmarks)
      watcher.timers.push(setInterval(() => this.#bookmark(watcher), this.#bookmarkIntervalMs));
    response.on('close', () => this.#drop(watcher));
  }

  /** Destroys every watch connection, as a crashing API server does. */
  breakAll(): void {
    for (const set of this.#watchers.values()) for (const w of set) w.response.socket?.destroy();
  }

  /** Ends every watch cleanly, as a watch that reached its timeout ends. */
  endAll(): void {
    for (const set of this.#watchers.values()) for (const w of set) w.response.end();
  }

  /** Ends the watches of one stored resource (its CRD is gone). */
  endStorage(storage: string): void {
    for (const w of this.#watchers.get(storage) ?? []) w.response.end();
  }

  #add(watcher: Watcher): void {
    const key = storageKey(watcher.type);
    let set = this.#watchers.get(key);
    if (!set) this.#watchers.set(key, (set = new Set()));
    set.add(watcher);
  }

  #drop(watcher: Watcher): void {
    for (const timer of watcher.timers) clearTimeout(timer);
    this.#watchers.get(storageKey(watcher.type))?.delete(watcher);
  }

  #matches(watcher: Watcher, object: K8sObject): boolean {
    if (watcher.namespace !== undefined && object.metadata.namespace !== watcher.namespace) return false;
    if (watcher.name !== undefined && object.metadata.name !== watcher.name) return false;
    return watcher.labels.matches(object) && watcher.fields.matches(object);
  }

  #deliver(watcher: Watcher, event: StoreEvent): void {
    const now = this.#matches(watcher, event.object);
    const before = event.previous !== undefined && this.#matches(watcher, event.previous);
    let type: EventType | undefined;
    if (event.type === 'DELETED') type = now || before ? 'DELETED' : undefined;
    else if (event.type === 'ADDED') type = now ? 'ADDED' : undefined;
    else type = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined;
    if (type) this.#send(watcher, type, this.#writer.present(watcher.type, event.object));
  }

  #bookmark(watcher: Watcher, annotations?: Record<string, string>): void {
    const metadata: Json = { resourceVersion: String(this.#writer.store.rv) };
    if (annotations) metadata.annotations = annotations;
    this.#send(watcher, 'BOOKMARK', {
      kind: watcher.type.kind,
      apiVersion: apiVersionOf(watcher.type),
      metadata,
    });
  }

  #send(watcher: Watcher, type: string, object: unknown): void {
    if (watcher.response.writableEnded || watcher.response.destroyed) return;
    watcher.response.write(`${JSON.stringify({ type, object })}\n`);
  }
}
