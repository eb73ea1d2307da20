/** CustomResourceDefinitions: their validation, the resource types they serve and their status. */
import { compileError } from './cel.ts';
import type { FieldError } from './errors.ts';
import { isObject, text, timestamp, type Json } from './json.ts';
import type { K8sObject, ResourceType } from './types.ts';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

interface Names {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
}

function namesOf(spec: Json): Names {
  const names = isObject(spec.names) ? spec.names : {};
  const kind = text(names.kind);
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    plural: text(names.plural),
    singular: text(names.singular, kind.toLowerCase()),
    kind,
    listKind: text(names.listKind, `${kind}List`),
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
  };
}

const versionsOf = (spec: Json): Json[] =>
  Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];

function walkRules(schema: unknown, path: string, errors: FieldError[]): void {
  if (!isObject(schema)) return;
  const rules = schema['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      if (!isObject(rule) || typeof rule.rule !== 'string') return;
      for (const expression of [rule.rule, rule.messageExpression]) {
        if (typeof expression !== 'string') continue;
        const why = compileError(expression);
        if (why) {
          const field = `${path}.x-kubernetes-validations[${i}].${expression === rule.rule ? 'rule' : 'messageExpression'}`;
          errors.push({
            type: 'FieldValueInvalid',
            field,
            value: expression,
            detail: `compilation failed: ${why}`,
          });
        }
      }
    });
  }
  if (isObject(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties))
      walkRules(value, `${path}.properties[${key}]`, errors);
  }
  walkRules(schema.items, `${path}.items`, errors);
  walkRules(schema.additionalProperties, `${path}.additionalProperties`, errors);
}

export function validateCrd(crd: K8sObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = namesOf(spec);
  const group = text(spec.group);
  if (!group) errors.push({ type: 'FieldValueRequired', field: 'spec.group', detail: '' });
  if (!names.plural) errors.push({ type: 'FieldValueRequired', field: 'spec.names.plural', detail: '' });
  if (!names.kind) errors.push({ type: 'FieldValueRequired', field: 'spec.names.kind', detail: '' });
  if (crd.metadata.name !== `${names.plural}.${group}`) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'metadata.name',
      value: crd.metadata.name,
      detail: 'must be spec.names.plural+"."+spec.group',
    });
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'spec.scope',
      value: spec.scope ?? '',
      detail: 'supported values: "Cluster", "Namespaced"',
    });
  }
  const versions = versionsOf(spec);
  if (versions.length === 0) errors.push({ type: 'FieldValueRequired', field: 'spec.versions', detail: '' });
  if (versions.filter((v) => v.storage === true).length !== 1) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.versions',
      value: versions,
      detail: 'must have exactly one version marked as storage version',
    });
  }
  versions.forEach((version, i) => {
    const schema = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
    if (!isObject(schema)) {
      errors.push({
        type: 'FieldValueRequired',
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        detail: 'schemas are required',
      });
    }
    walkRules(schema, `spec.versions[${i}].schema.openAPIV3Schema`, errors);
  });
  return errors;
}

/** The resource types a CRD serves: one per served version. */
export function typesOf(crd: K8sObject): ResourceType[] {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = namesOf(spec);
  const group = String(spec.group);
  const versions = versionsOf(spec);
  const storage = versions.find((v) => v.storage === true);
  return versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const subresources = isObject(v.subresources) ? v.subresources : {};
      const schema =
        isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
      const fields = Array.isArray(v.selectableFields) ? v.selectableFields.filter(isObject) : [];
      return {
        group,
        version: String(v.name),
        plural: names.plural,
        singular: names.singular,
        kind: names.kind,
        listKind: names.listKind,
        namespaced: spec.scope === 'Namespaced',
        status: isObject(subresources.status),
        shortNames: names.shortNames,
        categories: names.categories,
        generation: true,
        createOnUpdate: false,
        unconditionalUpdate: false,
        returnsDeletedObject: true,
        selectableFields: fields.map((f) => String(f.jsonPath).replace(/^\./, '')),
        custom: true,
        schema,
        storageApiVersion: `${group}/${String(storage?.name)}`,
      };
    });
}

function condition(type: string, reason: string, message: string, status = 'True'): Json {
  return { type, status, lastTransitionTime: timestamp(), reason, message };
}

/** The status the apiextensions controllers give an accepted CRD. */
export function crdStatus(crd: K8sObject, old: K8sObject | undefined): Json {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = namesOf(spec);
  const accepted: Json = {
    plural: names.plural,
    singular: names.singular,
    kind: names.kind,
    listKind: names.listKind,
  };
  if (names.shortNames.length > 0) accepted.shortNames = names.shortNames;
  if (names.categories.length > 0) accepted.categories = names.categories;
  const storage = versionsOf(spec).find((v) => v.storage === true);
  const oldStatus = isObject(old?.status) ? old.status : {};
  const stored = Array.isArray(oldStatus.storedVersions) ? oldStatus.storedVersions.map(String) : [];
  const conditions = [
    condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
    condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
  ];
  if (crd.metadata.deletionTimestamp) {
    conditions.push(
      condition(
        'Terminating',
        'InstanceDeletionPending',
        'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
      ),
    );
  }
  const previous = Array.isArray(oldStatus.conditions) ? oldStatus.conditions.filter(isObject) : [];
  for (const c of conditions) {
    const before = previous.find((p) => p.type === c.type && p.status === c.status);
    if (before) c.lastTransitionTime = before.lastTransitionTime;
  }
  return {
    conditions,
    acceptedNames: accepted,
    storedVersions: [...new Set([...stored, String(storage?.name)])],
  };
}
