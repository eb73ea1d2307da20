import { jetstreamManager } from '@nats-io/jetstream';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger, NatsConnection } from '@taskline/core/base';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import type { OperatorConfig } from './config.ts';
import { Controller } from './controller/controller.ts';
import { LeaderElector } from './controller/leader-election.ts';
import { createKube } from './kube/client.ts';
import { EventRecorder } from './reconcile/events.ts';
import { Reconciler } from './reconcile/reconciler.ts';
import { TenantStore } from './reconcile/tenant-store.ts';

export interface OperatorDeps {
  config: OperatorConfig;
  kubeConfig: KubeConfig;
  /** PostgreSQL, for the tenant rows (plain pg: the operator never loads the ORM). */
  db: Pool;
  nc: NatsConnection;
  log: Logger;
  registry: Registry;
  /** Called when leadership is lost; the process should exit so it restarts clean (controller-runtime does). */
  onLostLeadership?: () => void;
}

export interface RunningOperator {
  controller(): Controller | undefined;
  isLeader(): boolean;
  /** Ready: a standby, or a leader whose caches are filled. */
  isReady(): boolean;
  /** Seconds the longest-silent informer has gone without hearing from the API server. */
  maxSilenceSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Puts the operator together: leader election first, then (as leader) the controller and the purge of
 * tenants whose retention has passed. Standbys hold no caches and make no calls but the Lease.
 */
export async function startOperator(deps: OperatorDeps): Promise<RunningOperator> {
  const { config, log, registry } = deps;
  const kube = createKube(deps.kubeConfig);
  const writes = new Counter({
    name: 'taskline_operator_api_writes_total',
    help: 'Writes to the Kubernetes API server by the reconciler, by verb and kind.',
    labelNames: ['verb', 'kind'],
    registers: [registry],
  });
  const leaderGauge = new Gauge({
    name: 'taskline_operator_leader',
    help: '1 while this replica leads.',
    registers: [registry],
  });
  const tenants = new TenantStore(deps.db);
  const reconciler = new Reconciler({
    kube,
    caches: {
      integration: () => undefined,
      child: () => undefined,
      secret: () => undefined,
      kedaAvailable: () => false,
    },
    jsm: await jetstreamManager(deps.nc),
    tenants,
    events: new EventRecorder(kube, config.POD_NAME, log),
    settings: {
      image: config.TASKLINE_IMAGE,
      natsUrl: config.WORKLOAD_NATS_URL ?? config.NATS_URL,
      natsMonitorUrl: config.NATS_MONITOR_URL,
      databaseSecret: config.WORKLOAD_DATABASE_SECRET,
      databasePort: config.WORKLOAD_DATABASE_PORT,
      whatsappApiUrl: config.WHATSAPP_API_URL,
      streamReplicas: config.NATS_STREAM_REPLICAS,
    },
    log,
    onWrite: (verb, kind) => writes.inc({ verb, kind }),
  });

  let controller: Controller | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const lead = async () => {
    leaderGauge.set(1);
    controller = new Controller(
      kube,
      reconciler,
      {
        namespace: config.WATCH_NAMESPACE,
        concurrency: config.RECONCILE_CONCURRENCY,
        resyncMs: config.RESYNC_SECONDS * 1000,
      },
      log,
      registry,
    );
    reconciler.useCaches(controller.caches);
    await controller.start();
    if (stopped) await controller.stop();
    purgeTimer = setInterval(() => {
      tenants.purgeExpired().then(
        (purged) => purged.length > 0 && log.info({ purged }, 'purged tenants past their retention'),
        (error: unknown) => log.warn({ err: error }, 'tenant purge failed'),
      );
    }, config.PURGE_INTERVAL_SECONDS * 1000);
    purgeTimer.unref();
  };
  const standDown = () => {
    leaderGauge.set(0);
    clearInterval(purgeTimer);
    void controller?.stop();
    controller = undefined;
    deps.onLostLeadership?.();
  };

  let elector: LeaderElector | undefined;
  if (config.LEADER_ELECT) {
    elector = new LeaderElector(
      kube,
      { namespace: config.POD_NAMESPACE, name: 'taskline-operator', identity: config.POD_NAME },
      {
        onStartedLeading: () =>
          void lead().catch((error: unknown) => log.error({ err: error }, 'controller failed to start')),
        onStoppedLeading: standDown,
      },
      log,
    );
    elector.start();
  } else {
    await lead();
  }

  return {
    controller: () => controller,
    isLeader: () => (elector ? elector.isLeader : true),
    isReady: () => (controller ? controller.hasSynced : !!elector && !elector.isLeader),
    maxSilenceSeconds: () =>
      Math.max(0, ...(controller?.informers.map((informer) => informer.silenceMs / 1000) ?? [])),
    async stop() {
      stopped = true;
      clearInterval(purgeTimer);
      await controller?.stop();
      await elector?.stop();
      leaderGauge.set(0);
    },
  };
}
