/**
 * The Kubernetes kinds the operator reads or writes, in one table: the reconciler builds children of these kinds,
 * the controller watches them, and the RBAC rules are generated from it (./rbac.ts).
 */
import { API_VERSION, KIND, PLURAL } from './schema.ts';

export interface KindInfo {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const kind = (apiVersion: string, kindName: string, plural: string, namespaced = true): KindInfo => ({
  apiVersion,
  kind: kindName,
  plural,
  namespaced,
});

/** Children, each owned by a WhatsAppIntegration and applied with server-side apply. */
export const CHILD_KINDS = {
  serviceAccount: kind('v1', 'ServiceAccount', 'serviceaccounts'),
  configMap: kind('v1', 'ConfigMap', 'configmaps'),
  service: kind('v1', 'Service', 'services'),
  deployment: kind('apps/v1', 'Deployment', 'deployments'),
  ingress: kind('networking.k8s.io/v1', 'Ingress', 'ingresses'),
  networkPolicy: kind('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'),
  podDisruptionBudget: kind('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  horizontalPodAutoscaler: kind('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  scaledObject: kind('keda.sh/v1alpha1', 'ScaledObject', 'scaledobjects'),
} as const;

export const INTEGRATION_KIND = kind(API_VERSION, KIND, PLURAL);
export const SECRET = kind('v1', 'Secret', 'secrets');
export const CRD = kind(
  'apiextensions.k8s.io/v1',
  'CustomResourceDefinition',
  'customresourcedefinitions',
  false,
);
export const LEASE = kind('coordination.k8s.io/v1', 'Lease', 'leases');
export const EVENT = kind('events.k8s.io/v1', 'Event', 'events');

/** The CRD whose presence switches the worker from a HorizontalPodAutoscaler to a KEDA ScaledObject. */
export const KEDA_CRD_NAME = 'scaledobjects.keda.sh';

export const groupOf = (info: KindInfo): string =>
  info.apiVersion.includes('/') ? info.apiVersion.split('/')[0]! : '';

/** The URL path of a collection, e.g. /apis/apps/v1/namespaces/acme/deployments or /api/v1/secrets. */
export function collectionPath(info: KindInfo, namespace?: string): string {
  const base = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  return namespace && info.namespaced
    ? `${base}/namespaces/${namespace}/${info.plural}`
    : `${base}/${info.plural}`;
}
