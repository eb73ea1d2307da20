/** Types shared by the files of the test API server. */
import type { Json } from './json.ts';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Json;
  subresource?: string;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** One served resource: a built-in one or one version of a CRD. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  /** Has a status subresource. */
  status: boolean;
  shortNames: string[];
  categories: string[];
  /** Tracks metadata.generation. */
  generation: boolean;
  /** PUT may create a missing object. */
  createOnUpdate: boolean;
  /** PUT without metadata.resourceVersion is allowed. */
  unconditionalUpdate: boolean;
  /** DELETE answers with the deleted object rather than a Success Status. */
  returnsDeletedObject: boolean;
  /** Field selector labels besides metadata.name and metadata.namespace. */
  selectableFields: string[];
  /** Served from a CustomResourceDefinition. */
  custom: boolean;
  /** The CRD's openAPIV3Schema for this version. */
  schema?: Json;
  /** The storage version's apiVersion (CRDs keep one copy of an object for all versions). */
  storageApiVersion: string;
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface RequestRecord {
  method: string;
  path: string;
  verb: Verb;
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  fieldManager?: string;
  patchType?: string;
  status: number;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of the store, as the watch history keeps it. */
export interface StoreEvent {
  rv: number;
  storage: string;
  type: EventType;
  object: K8sObject;
  previous: K8sObject | undefined;
}
