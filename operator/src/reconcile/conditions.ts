import type { KubeObject } from '../kube/client.ts';
import type { Condition } from './integration.ts';

/**
 * metav1.Condition bookkeeping: a condition keeps its lastTransitionTime until its status flips, and the Ready
 * summary is True only when every other condition is.
 */
export const CONDITION_TYPES = [
  'CredentialsValid',
  'StreamReady',
  'WebhookAvailable',
  'WorkerAvailable',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number] | 'Ready';

export interface ConditionInput {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

export const condition = (
  type: ConditionType,
  status: ConditionInput['status'],
  reason: string,
  message: string,
): ConditionInput => ({ type, status, reason, message });

export function readyCondition(parts: ConditionInput[], suspended: boolean): ConditionInput {
  if (suspended)
    return condition('Ready', 'False', 'Suspended', 'spec.suspend is true: the tenant is scaled to zero');
  const failing = parts.find((part) => part.status !== 'True');
  if (!failing) return condition('Ready', 'True', 'Ready', 'the webhook and the worker are available');
  return condition(
    'Ready',
    failing.status === 'Unknown' ? 'Unknown' : 'False',
    failing.reason,
    `${failing.type}: ${failing.message}`,
  );
}

/** Merges computed conditions into the current ones, keeping transition times of unchanged statuses. */
export function mergeConditions(
  current: Condition[] | undefined,
  computed: ConditionInput[],
  generation: number,
  now: Date,
): Condition[] {
  return computed.map((next) => {
    const previous = current?.find((c) => c.type === next.type);
    const lastTransitionTime =
      previous && previous.status === next.status
        ? previous.lastTransitionTime
        : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { ...next, lastTransitionTime, observedGeneration: generation };
  });
}

/** Availability of a Deployment from its status, as a condition. */
export function deploymentCondition(
  type: 'WebhookAvailable' | 'WorkerAvailable',
  deployment: KubeObject | undefined,
  suspended: boolean,
  credentialsValid: boolean,
): ConditionInput {
  if (suspended) return condition(type, 'False', 'Suspended', 'scaled to zero by spec.suspend');
  if (!deployment) {
    return credentialsValid
      ? condition(type, 'Unknown', 'Creating', 'the Deployment is being created')
      : condition(type, 'False', 'WaitingForCredentials', 'not deployed until the credentials are valid');
  }
  const name = deployment.metadata?.name ?? '';
  const spec = (deployment.spec ?? {}) as { replicas?: number };
  const status = (deployment.status ?? {}) as {
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  const wanted = spec.replicas ?? 1;
  const available = status.availableReplicas ?? 0;
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.status === 'False') {
    return condition(
      type,
      'False',
      progressing.reason ?? 'ProgressDeadlineExceeded',
      progressing.message ?? `${name} is not progressing`,
    );
  }
  if (available >= 1 || wanted === 0) {
    return condition(
      type,
      'True',
      'MinimumReplicasAvailable',
      `${available}/${wanted} replicas of ${name} available`,
    );
  }
  return condition(type, 'False', 'ReplicasUnavailable', `0/${wanted} replicas of ${name} available`);
}
