import { deleteTenantStream, ensureTenantStream, streamName, type Logger } from '@taskline/core/base';
import type { JetStreamManager } from '@nats-io/jetstream';
import { describeError, type Kube, type KubeObject } from '../kube/client.ts';
import { CHILD_KINDS, INTEGRATION_KIND } from '../resource/kinds.ts';
import { FINALIZER } from '../resource/schema.ts';
import {
  condition,
  deploymentCondition,
  mergeConditions,
  readyCondition,
  type ConditionInput,
} from './conditions.ts';
import { checkCredentials } from './credentials.ts';
import { childNames, desiredChildren, webhookUrl, type WorkloadSettings } from './desired.ts';
import type { EventRecorder } from './events.ts';
import type { WhatsAppIntegration } from './integration.ts';
import { resolveSpec } from './spec-defaults.ts';
import { isSubset, sameValue } from './subset.ts';
import type { TenantStore } from './tenant-store.ts';

export type ChildKind = keyof typeof CHILD_KINDS;

/** Read access to the caches the controller keeps. */
export interface Caches {
  integration(namespace: string, name: string): WhatsAppIntegration | undefined;
  child(kind: ChildKind, namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
  kedaAvailable(): boolean;
}

export interface ReconcilerDeps {
  kube: Kube;
  caches: Caches;
  jsm: JetStreamManager;
  tenants: TenantStore;
  events: EventRecorder;
  settings: WorkloadSettings & { streamReplicas: number };
  log: Logger;
  /** Called for every write to the API server (metrics). */
  onWrite?: (verb: string, kind: string) => void;
}

export interface ReconcileResult {
  requeueAfterMs?: number;
}

/** Requeue while something is on its way (pods starting), so the status follows without a watch event. */
const PROGRESS_REQUEUE_MS = 30_000;

/**
 * One reconcile of one WhatsAppIntegration, level-based: read the resource and its children from the caches,
 * bring the world to the desired state with the fewest writes (none when nothing differs), report conditions.
 * Throws on failure; the controller retries with backoff.
 */
export class Reconciler {
  private readonly deps: ReconcilerDeps;

  constructor(deps: ReconcilerDeps) {
    this.deps = deps;
  }

  /** The controller's caches, once it has them (the reconciler is built before the controller). */
  useCaches(caches: Caches): void {
    this.deps.caches = caches;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const [namespace, name] = key.split('/') as [string, string];
    const integration = this.deps.caches.integration(namespace, name);
    if (!integration) return {};
    if (integration.metadata.deletionTimestamp) {
      await this.finalize(integration);
      return {};
    }
    const current = await this.ensureFinalizer(integration);
    return this.sync(current);
  }

  private async sync(integration: WhatsAppIntegration): Promise<ReconcileResult> {
    const { kube, caches, settings } = this.deps;
    const { namespace, name } = integration.metadata;
    const spec = resolveSpec(integration.spec);
    const failures: string[] = [];

    const credentials = checkCredentials(spec, (secret) => caches.secret(namespace, secret));
    const credentialsValid = credentials.condition.status === 'True';

    let stream: ConditionInput;
    try {
      const change = await ensureTenantStream(this.deps.jsm, spec.tenant, {
        replicas: settings.streamReplicas,
      });
      if (change !== 'unchanged') {
        this.deps.events.record(
          integration,
          'Normal',
          'StreamReady',
          'Sync',
          `JetStream stream ${streamName(spec.tenant)} ${change}`,
        );
      }
      stream = condition(
        'StreamReady',
        'True',
        'StreamReady',
        `stream ${streamName(spec.tenant)} with consumers worker, status, sender`,
      );
    } catch (error) {
      stream = condition('StreamReady', 'False', 'StreamError', `JetStream: ${describeError(error)}`);
      failures.push(stream.message);
    }

    let tenantId = integration.status?.tenantId;
    let database: ConditionInput | undefined;
    try {
      const row = await this.deps.tenants.ensure(spec);
      tenantId = row.id;
    } catch (error) {
      database = condition('Ready', 'False', 'DatabaseError', `PostgreSQL: ${describeError(error)}`);
      failures.push(database.message);
    }

    const names = childNames(name);
    const desired = desiredChildren(integration, spec, settings, {
      credentialsHash: credentials.hash,
      kedaAvailable: caches.kedaAvailable(),
      workerReplicas: (
        caches.child('deployment', namespace, names.worker)?.spec as { replicas?: number } | undefined
      )?.replicas,
    });
    // Pods cannot start without their credentials: leave the workloads as they are until the Secret is right.
    const toApply = credentialsValid ? desired : desired.filter((child) => child.kind !== 'Deployment');
    const applied: string[] = [];
    for (const child of toApply) {
      const kind = kindOf(child);
      const live = caches.child(kind, namespace, child.metadata!.name!);
      if (live && isSubset(child, live)) continue;
      try {
        await kube.apply(child);
        this.deps.onWrite?.('apply', child.kind!);
        applied.push(`${live ? 'updated' : 'created'} ${child.kind} ${child.metadata!.name}`);
      } catch (error) {
        failures.push(`apply ${child.kind} ${child.metadata!.name}: ${describeError(error)}`);
      }
    }
    for (const kind of ['ingress', 'horizontalPodAutoscaler', 'scaledObject'] as const) {
      const wanted = desired.some((child) => child.kind === CHILD_KINDS[kind].kind);
      const childName = kind === 'ingress' ? names.webhook : names.worker;
      if (wanted || !caches.child(kind, namespace, childName)) continue;
      try {
        await kube.delete(CHILD_KINDS[kind], namespace, childName);
        this.deps.onWrite?.('delete', CHILD_KINDS[kind].kind);
        applied.push(`deleted ${CHILD_KINDS[kind].kind} ${childName}`);
      } catch (error) {
        failures.push(`delete ${CHILD_KINDS[kind].kind} ${childName}: ${describeError(error)}`);
      }
    }
    if (applied.length > 0) {
      const drift = integration.status?.observedGeneration === integration.metadata.generation;
      this.deps.events.record(
        integration,
        'Normal',
        drift ? 'DriftRepaired' : 'Applied',
        'Apply',
        applied.join(', '),
      );
    }

    const parts = [
      credentials.condition,
      stream,
      deploymentCondition(
        'WebhookAvailable',
        caches.child('deployment', namespace, names.webhook),
        spec.suspend,
        credentialsValid,
      ),
      deploymentCondition(
        'WorkerAvailable',
        caches.child('deployment', namespace, names.worker),
        spec.suspend,
        credentialsValid,
      ),
    ];
    const ready = readyCondition(database ? [...parts, database] : parts, spec.suspend);
    const status = await this.writeStatus(integration, [...parts, ready], {
      webhookUrl: webhookUrl(integration, spec),
      stream: streamName(spec.tenant),
      ...(tenantId ? { tenantId } : {}),
    });
    // The console shows the integration without access to the Kubernetes API: keep a copy on the tenant row.
    if (!database) {
      await this.deps.tenants.recordIntegration(spec.tenant, {
        name: integration.metadata.name,
        namespace: integration.metadata.namespace,
        generation: integration.metadata.generation ?? 0,
        spec: integration.spec,
        status,
      });
    }

    if (failures.length > 0) throw new Error(failures.join('; '));
    const settling = parts.some((part) => part.status !== 'True') && !spec.suspend && credentialsValid;
    return settling ? { requeueAfterMs: PROGRESS_REQUEUE_MS } : {};
  }

  /** Writes status only when it differs; records an Event when a condition changes. */
  private async writeStatus(
    integration: WhatsAppIntegration,
    computed: ConditionInput[],
    fields: { webhookUrl: string; stream: string; tenantId?: string },
  ): Promise<Record<string, unknown>> {
    const generation = integration.metadata.generation ?? 0;
    const previous = integration.status?.conditions;
    const conditions = mergeConditions(previous, computed, generation, new Date());
    const status = { ...integration.status, observedGeneration: generation, conditions, ...fields };
    if (sameValue(status, integration.status)) return status;
    const { namespace, name } = integration.metadata;
    await this.deps.kube.patchStatus(INTEGRATION_KIND, namespace, name, status);
    this.deps.onWrite?.('patch', 'WhatsAppIntegration/status');
    for (const next of computed) {
      const before = previous?.find((c) => c.type === next.type);
      if (before?.status === next.status && before.reason === next.reason) continue;
      const warning = next.status === 'False' && next.reason !== 'Suspended';
      this.deps.events.record(
        integration,
        warning ? 'Warning' : 'Normal',
        next.reason,
        'Status',
        `${next.type}=${next.status}: ${next.message}`,
      );
    }
    return status;
  }

  /** Adds our finalizer before any external state (stream, tenant row) exists. */
  private async ensureFinalizer(integration: WhatsAppIntegration): Promise<WhatsAppIntegration> {
    const finalizers = integration.metadata.finalizers ?? [];
    if (finalizers.includes(FINALIZER)) return integration;
    const patched = await this.deps.kube.mergePatch({
      apiVersion: integration.apiVersion,
      kind: integration.kind,
      metadata: {
        name: integration.metadata.name,
        namespace: integration.metadata.namespace,
        resourceVersion: integration.metadata.resourceVersion,
        finalizers: [...finalizers, FINALIZER],
      },
    });
    this.deps.onWrite?.('patch', 'WhatsAppIntegration');
    return patched as unknown as WhatsAppIntegration;
  }

  /** Deletes the stream, marks the tenant deleted (data kept for its retention), then lets the resource go. */
  private async finalize(integration: WhatsAppIntegration): Promise<void> {
    const finalizers = integration.metadata.finalizers ?? [];
    if (!finalizers.includes(FINALIZER)) return;
    const { tenant } = integration.spec;
    try {
      await deleteTenantStream(this.deps.jsm, tenant);
      await this.deps.tenants.markDeleted(tenant);
    } catch (error) {
      const message = `cleanup failed, the finalizer stays until it succeeds: ${describeError(error)}`;
      const generation = integration.metadata.generation ?? 0;
      const ready = condition('Ready', 'False', 'CleanupFailed', message);
      const others = (integration.status?.conditions ?? []).filter((c) => c.type !== 'Ready');
      const conditions = [
        ...others,
        ...mergeConditions(integration.status?.conditions, [ready], generation, new Date()),
      ];
      if (!sameValue(conditions, integration.status?.conditions)) {
        await this.deps.kube
          .patchStatus(INTEGRATION_KIND, integration.metadata.namespace, integration.metadata.name, {
            ...integration.status,
            conditions,
          })
          .catch(() => undefined);
        this.deps.events.record(integration, 'Warning', 'CleanupFailed', 'Delete', message);
      }
      throw new Error(message, { cause: error });
    }
    await this.deps.kube.mergePatch({
      apiVersion: integration.apiVersion,
      kind: integration.kind,
      metadata: {
        name: integration.metadata.name,
        namespace: integration.metadata.namespace,
        resourceVersion: integration.metadata.resourceVersion,
        finalizers: finalizers.filter((f) => f !== FINALIZER),
      },
    });
    this.deps.onWrite?.('patch', 'WhatsAppIntegration');
    this.deps.events.record(
      integration,
      'Normal',
      'CleanedUp',
      'Delete',
      `stream ${streamName(tenant)} deleted; tenant ${tenant} marked deleted, data kept for ${resolveSpec(integration.spec).messaging.retentionDays} days`,
    );
    this.deps.log.info({ tenant }, 'tenant cleaned up');
  }
}

const KIND_BY_NAME = new Map(Object.entries(CHILD_KINDS).map(([key, info]) => [info.kind, key as ChildKind]));

function kindOf(child: KubeObject): ChildKind {
  return KIND_BY_NAME.get(child.kind!)!;
}
