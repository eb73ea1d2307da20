import type { Logger } from '@taskline/core/base';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { describeError, type Kube, type KubeObject } from '../kube/client.ts';
import { CHILD_KINDS, CRD, INTEGRATION_KIND, KEDA_CRD_NAME, SECRET } from '../resource/kinds.ts';
import type { WhatsAppIntegration } from '../reconcile/integration.ts';
import type { Caches, ChildKind, Reconciler } from '../reconcile/reconciler.ts';
import { Informer, type InformerHandler } from './informer.ts';
import { WorkQueue } from './work-queue.ts';

export interface ControllerOptions {
  namespace?: string;
  concurrency: number;
  resyncMs: number;
}

const MANAGED = 'app.kubernetes.io/managed-by=taskline-operator';

/**
 * The WhatsAppIntegration controller: informers for the resources, their children, Secrets and the KEDA CRD
 * feed one de-duplicating work queue; `concurrency` workers reconcile, one key at a time each; failures come
 * back with backoff; every resource is re-queued each resync period.
 */
export class Controller {
  readonly queue = new WorkQueue();
  private readonly integrations: Informer;
  private readonly children = new Map<ChildKind, Informer>();
  private readonly secrets: Informer;
  private readonly crds: Informer;
  private resyncTimer: NodeJS.Timeout | undefined;
  private workers: Promise<void>[] = [];
  private readonly metrics: ReturnType<typeof createMetrics>;

  private readonly reconciler: Reconciler;
  private readonly options: ControllerOptions;
  private readonly log: Logger;

  constructor(
    kube: Kube,
    reconciler: Reconciler,
    options: ControllerOptions,
    log: Logger,
    registry: Registry,
  ) {
    this.reconciler = reconciler;
    this.options = options;
    this.log = log;
    this.metrics = createMetrics(registry, () => this.queue.depth);
    const scope = options.namespace ? { namespace: options.namespace } : {};
    const enqueueSelf: InformerHandler = (_event, object) => this.queue.add(Informer.key(object));
    this.integrations = new Informer(kube, INTEGRATION_KIND, scope, enqueueSelf, log);
    const enqueueOwner: InformerHandler = (_event, object) => this.enqueueOwner(object);
    for (const [name, info] of Object.entries(CHILD_KINDS) as [
      ChildKind,
      (typeof CHILD_KINDS)[ChildKind],
    ][]) {
      if (name === 'scaledObject') continue; // watched once KEDA's CRD is there
      this.children.set(
        name,
        new Informer(kube, info, { ...scope, labelSelector: MANAGED }, enqueueOwner, log),
      );
    }
    this.secrets = new Informer(kube, SECRET, scope, (_event, secret) => this.enqueueUsers(secret), log);
    this.crds = new Informer(
      kube,
      CRD,
      { fieldSelector: `metadata.name=${KEDA_CRD_NAME}` },
      (event) => {
        if (event !== 'delete') this.watchScaledObjects(kube, scope);
        this.enqueueAll();
      },
      log,
    );
  }

  /** The caches, as the reconciler reads them. */
  readonly caches: Caches = {
    integration: (namespace, name) =>
      this.integrations.get(namespace, name) as unknown as WhatsAppIntegration | undefined,
    child: (kind, namespace, name) => this.children.get(kind)?.get(namespace, name),
    secret: (namespace, name) => this.secrets.get(namespace, name),
    kedaAvailable: () => this.crds.get(undefined, KEDA_CRD_NAME) !== undefined,
  };

  get informers(): Informer[] {
    return [this.integrations, this.secrets, this.crds, ...this.children.values()];
  }

  get hasSynced(): boolean {
    return this.informers.every((informer) => informer.hasSynced);
  }

  /** Fills the caches, then starts the workers and the resync timer. */
  async start(): Promise<void> {
    await Promise.all(
      [this.crds, this.secrets, ...this.children.values()].map((informer) => informer.start()),
    );
    // The resources last: their first reconcile then sees every child.
    await this.integrations.start();
    this.workers = Array.from({ length: this.options.concurrency }, () => this.work());
    this.resyncTimer = setInterval(() => this.enqueueAll(), this.options.resyncMs);
    this.resyncTimer.unref();
    this.log.info({ resources: this.integrations.store.size }, 'controller started');
  }

  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    for (const informer of this.informers) informer.stop();
    this.queue.shutDown();
    await Promise.all(this.workers);
  }

  enqueueAll(): void {
    for (const key of this.integrations.store.keys()) this.queue.add(key);
  }

  private async work(): Promise<void> {
    for (let key = await this.queue.get(); key !== undefined; key = await this.queue.get()) {
      const end = this.metrics.duration.startTimer();
      try {
        const result = await this.reconciler.reconcile(key);
        this.queue.forget(key);
        if (result.requeueAfterMs) this.queue.addAfter(key, result.requeueAfterMs);
        this.metrics.reconciles.inc({ result: 'success' });
      } catch (error) {
        this.metrics.reconciles.inc({ result: 'error' });
        this.metrics.errors.inc();
        this.log.warn(
          { key, retries: this.queue.retries(key), err: describeError(error) },
          'reconcile failed',
        );
        this.queue.addRateLimited(key);
      } finally {
        end();
        this.queue.done(key);
      }
    }
  }

  private enqueueOwner(object: KubeObject): void {
    const owner = object.metadata?.ownerReferences?.find(
      (ref) => ref.controller && ref.kind === INTEGRATION_KIND.kind,
    );
    if (owner) this.queue.add(`${object.metadata?.namespace ?? ''}/${owner.name}`);
  }

  /** A Secret changed: re-queue the resources of its namespace that reference it. */
  private enqueueUsers(secret: KubeObject): void {
    const namespace = secret.metadata?.namespace;
    const name = secret.metadata?.name;
    for (const key of this.integrations.store.keys()) {
      if (!key.startsWith(`${namespace}/`)) continue;
      const spec = (this.integrations.store.get(key) as unknown as WhatsAppIntegration | undefined)?.spec;
      if (spec?.credentialsSecretRef?.name === name || spec?.assistant?.apiKeySecretRef?.name === name) {
        this.queue.add(key);
      }
    }
  }

  private watchScaledObjects(kube: Kube, scope: { namespace?: string }): void {
    if (this.children.has('scaledObject')) return;
    const informer = new Informer(
      kube,
      CHILD_KINDS.scaledObject,
      { ...scope, labelSelector: MANAGED },
      (_event, object) => this.enqueueOwner(object),
      this.log,
    );
    this.children.set('scaledObject', informer);
    void informer.start().then(() => this.enqueueAll());
  }
}

function createMetrics(registry: Registry, depth: () => number) {
  new Gauge({
    name: 'taskline_operator_workqueue_depth',
    help: 'Keys waiting in the work queue.',
    registers: [registry],
    collect() {
      this.set(depth());
    },
  });
  return {
    reconciles: new Counter({
      name: 'taskline_operator_reconcile_total',
      help: 'Reconciles by result.',
      labelNames: ['result'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'taskline_operator_reconcile_errors_total',
      help: 'Reconciles that failed and were re-queued with backoff.',
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'taskline_operator_reconcile_duration_seconds',
      help: 'Time one reconcile took.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
