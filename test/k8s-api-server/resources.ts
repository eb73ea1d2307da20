/** The built-in resources the test API server serves, with the traits of their real registry strategies. */
import type { ResourceType } from './types.ts';

interface Traits {
  namespaced?: boolean;
  status?: boolean;
  generation?: boolean;
  shortNames?: string[];
  categories?: string[];
  createOnUpdate?: boolean;
  selectableFields?: string[];
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** One object is stored once per group and resource, whatever version it is read through. */
export function storageKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.group}/${type.plural}`;
}

function builtIn(group: string, version: string, plural: string, kind: string, traits: Traits): ResourceType {
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced: traits.namespaced ?? true,
    status: traits.status ?? false,
    shortNames: traits.shortNames ?? [],
    categories: traits.categories ?? [],
    generation: traits.generation ?? false,
    createOnUpdate: traits.createOnUpdate ?? false,
    unconditionalUpdate: true,
    returnsDeletedObject: false,
    selectableFields: traits.selectableFields ?? [],
    custom: false,
    storageApiVersion: group ? `${group}/${version}` : version,
  };
}

const POD_FIELDS = [
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'spec.hostNetwork',
  'status.phase',
  'status.podIP',
  'status.nominatedNodeName',
];
const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

export function builtInResources(): ResourceType[] {
  const crds = builtIn(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    {
      namespaced: false,
      status: true,
      generation: true,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
    },
  );
  crds.unconditionalUpdate = false;
  return [
    builtIn('', 'v1', 'namespaces', 'Namespace', {
      namespaced: false,
      status: true,
      shortNames: ['ns'],
      selectableFields: ['status.phase'],
    }),
    builtIn('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
    builtIn('', 'v1', 'secrets', 'Secret', { selectableFields: ['type'] }),
    builtIn('', 'v1', 'services', 'Service', { status: true, shortNames: ['svc'], categories: ['all'] }),
    builtIn('', 'v1', 'serviceaccounts', 'ServiceAccount', { shortNames: ['sa'] }),
    builtIn('', 'v1', 'events', 'Event', {
      shortNames: ['ev'],
      createOnUpdate: true,
      selectableFields: EVENT_FIELDS,
    }),
    builtIn('', 'v1', 'pods', 'Pod', {
      status: true,
      shortNames: ['po'],
      categories: ['all'],
      selectableFields: POD_FIELDS,
    }),
    builtIn('apps', 'v1', 'deployments', 'Deployment', {
      status: true,
      generation: true,
      shortNames: ['deploy'],
      categories: ['all'],
    }),
    builtIn('networking.k8s.io', 'v1', 'ingresses', 'Ingress', {
      status: true,
      generation: true,
      shortNames: ['ing'],
    }),
    builtIn('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', {
      generation: true,
      shortNames: ['netpol'],
    }),
    builtIn('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', {
      status: true,
      generation: true,
      shortNames: ['pdb'],
    }),
    builtIn('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', {
      status: true,
      shortNames: ['hpa'],
      categories: ['all'],
    }),
    builtIn('coordination.k8s.io', 'v1', 'leases', 'Lease', { createOnUpdate: true }),
    builtIn('events.k8s.io', 'v1', 'events', 'Event', {
      shortNames: ['ev'],
      createOnUpdate: true,
      selectableFields: ['reason', 'type', 'reportingController', 'regarding.kind', 'regarding.name'],
    }),
    crds,
  ];
}
