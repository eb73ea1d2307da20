import type { Logger } from '@taskline/core/base';
import { describeError, type Kube, type KubeObject, type ListOptions } from '../kube/client.ts';
import type { KindInfo } from '../resource/kinds.ts';
import { ObjectStore } from './object-store.ts';

export type InformerEvent = 'add' | 'update' | 'delete';
export type InformerHandler = (event: InformerEvent, object: KubeObject) => void;

/**
 * A cache of one kind kept current by list + watch, that never stays stopped: a watch that ends (server
 * timeout, API server restart, broken connection) resumes from the last resourceVersion, a 410 Gone relists
 * and emits the difference, and errors retry with a capped backoff. Lookups are by `namespace/name`, objects kept
 * as JSON text (./object-store.ts). (client-node's informer stops for good on any error but 410 and keeps its
 * store in an array.)
 */
export class Informer {
  readonly store = new ObjectStore();
  private resourceVersion = '';
  private stopWatch: (() => void) | undefined;
  private running = false;
  private synced = false;
  private failures = 0;
  private lastContact = Date.now();
  private retryTimer: NodeJS.Timeout | undefined;
  /** Watches restarted after an error or a 410; exported as a metric. */
  restarts = 0;

  private readonly kube: Kube;
  readonly info: KindInfo;
  private readonly options: ListOptions;
  private readonly handler: InformerHandler;
  private readonly log: Logger;

  constructor(kube: Kube, info: KindInfo, options: ListOptions, handler: InformerHandler, log: Logger) {
    this.kube = kube;
    this.info = info;
    this.options = options;
    this.handler = handler;
    this.log = log;
  }

  static key(object: KubeObject): string {
    return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  /** Milliseconds since the API server last answered this informer (list, event or a clean watch end). */
  get silenceMs(): number {
    return Date.now() - this.lastContact;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(`${namespace ?? ''}/${name}`);
  }

  /** Lists once (so `hasSynced` is true when it resolves), then keeps watching in the background. */
  async start(): Promise<void> {
    this.running = true;
    while (this.running) {
      try {
        await this.relist();
        break;
      } catch (error) {
        this.log.warn({ kind: this.info.kind, err: describeError(error) }, 'list failed: retrying');
        await this.pause();
      }
    }
    void this.watchLoop();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.stopWatch?.();
  }

  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.kube.list(this.info, this.options);
    this.lastContact = Date.now();
    const seen = new Set<string>();
    for (const item of items) {
      item.apiVersion ??= this.info.apiVersion;
      item.kind ??= this.info.kind;
      const key = Informer.key(item);
      seen.add(key);
      this.upsert(key, item);
    }
    for (const key of [...this.store.keys()]) {
      if (seen.has(key)) continue;
      const object = this.store.get(key)!;
      this.store.delete(key);
      this.handler('delete', object);
    }
    this.resourceVersion = resourceVersion;
    this.synced = true;
    this.failures = 0;
  }

  private upsert(key: string, object: KubeObject): void {
    const previous = this.store.version(key);
    if (previous !== undefined && previous === object.metadata?.resourceVersion) return;
    this.store.set(key, object);
    this.handler(previous === undefined ? 'add' : 'update', object);
  }

  private async watchLoop(): Promise<void> {
    while (this.running) {
      const outcome = await this.watchOnce();
      if (!this.running) return;
      if (outcome === 'expired') {
        this.restarts += 1;
        try {
          await this.relist();
        } catch (error) {
          this.log.warn({ kind: this.info.kind, err: describeError(error) }, 'relist failed: retrying');
          this.failures += 1;
          await this.pause();
        }
      } else if (outcome === 'failed') {
        this.restarts += 1;
        this.failures += 1;
        await this.pause();
      } else {
        this.failures = 0;
      }
    }
  }

  /** One watch from the cached resourceVersion, resolved when it ends. */
  private watchOnce(): Promise<'ended' | 'expired' | 'failed'> {
    return new Promise((resolve) => {
      let expired = false;
      const done = (error: unknown) => {
        this.stopWatch = undefined;
        if (expired || (error as { statusCode?: number } | null)?.statusCode === 410)
          return resolve('expired');
        if (!error || isTimeout(error)) {
          this.lastContact = Date.now();
          return resolve('ended');
        }
        if (this.running) this.log.warn({ kind: this.info.kind, err: describeError(error) }, 'watch failed');
        resolve('failed');
      };
      const onEvent = (event: { type: string; object: KubeObject }) => {
        this.lastContact = Date.now();
        const { object } = event;
        if (event.type === 'ERROR') {
          const code = (object as { code?: number }).code;
          if (code === 410) expired = true;
          else this.log.warn({ kind: this.info.kind, status: object }, 'watch error event');
          this.stopWatch?.();
          return;
        }
        const version = object.metadata?.resourceVersion;
        if (version) this.resourceVersion = version;
        if (event.type === 'BOOKMARK') return;
        object.apiVersion ??= this.info.apiVersion;
        object.kind ??= this.info.kind;
        const key = Informer.key(object);
        if (event.type === 'DELETED') {
          const previous = this.store.get(key);
          this.store.delete(key);
          this.handler('delete', previous ?? object);
        } else {
          this.upsert(key, object);
        }
      };
      // Servers end a watch after timeoutSeconds; a jittered value spreads the re-watches of many informers.
      const timeoutSeconds = 240 + Math.floor(Math.random() * 120);
      this.kube
        .watch(
          this.info,
          { ...this.options, resourceVersion: this.resourceVersion, timeoutSeconds },
          onEvent,
          done,
        )
        .then(
          (stop) => {
            if (!this.running) stop();
            else this.stopWatch = stop;
          },
          (error: unknown) => done(error ?? new Error('watch failed to start')),
        );
    });
  }

  private pause(): Promise<void> {
    const delay = Math.min(30_000, 200 * 2 ** Math.min(this.failures, 8));
    return new Promise((resolve) => {
      this.retryTimer = setTimeout(resolve, delay);
    });
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}
