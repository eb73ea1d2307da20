/** ObjectMeta validation as apimachinery does it: names, label keys and values, annotations, finalizers. */
import type { FieldError } from './errors.ts';
import type { K8sObject, ResourceType } from './types.ts';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const compiled = new Map<string, RegExp>();
const full = (pattern: string) => {
  let regex = compiled.get(pattern);
  if (!regex) compiled.set(pattern, (regex = new RegExp(`^${pattern}$`)));
  return regex;
};

const SUBDOMAIN_TEXT = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`;
const LABEL_TEXT = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`;
const DNS1035_TEXT = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`;

/** Why `name` is not a valid object name for the type, or undefined. */
function nameProblems(type: ResourceType, name: string): string[] {
  if (type.plural === 'services') {
    if (name.length > 63) return ['must be no more than 63 characters'];
    return full(DNS1035_LABEL).test(name) ? [] : [DNS1035_TEXT];
  }
  if (type.plural === 'namespaces') {
    if (name.length > 63) return ['must be no more than 63 characters'];
    return full(DNS1123_LABEL).test(name) ? [] : [LABEL_TEXT];
  }
  if (name.length > 253) return ['must be no more than 253 characters'];
  return full(DNS1123_SUBDOMAIN).test(name) ? [] : [SUBDOMAIN_TEXT];
}

function qualifiedNameProblems(key: string): string[] {
  const parts = key.split('/');
  const problems: string[] = [];
  let name = key;
  if (parts.length === 2) {
    const [prefix, rest] = parts as [string, string];
    name = rest;
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !full(DNS1123_SUBDOMAIN).test(prefix))
      problems.push(`prefix part ${SUBDOMAIN_TEXT}`);
  } else if (parts.length > 2) {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (name.length > 63) problems.push('name part must be no more than 63 characters');
  if (name.length > 0 && !full(QUALIFIED_NAME).test(name)) {
    problems.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME}')`,
    );
  }
  return problems;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateMetadata(type: ResourceType, object: K8sObject, warnings: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const { metadata } = object;
  for (const problem of nameProblems(type, metadata.name)) {
    errors.push({ type: 'FieldValueInvalid', field: 'metadata.name', value: metadata.name, detail: problem });
  }
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    for (const problem of qualifiedNameProblems(key)) {
      errors.push({ type: 'FieldValueInvalid', field: 'metadata.labels', value: key, detail: problem });
    }
    if (typeof value !== 'string') continue;
    if (value.length > 63) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'metadata.labels',
        value,
        detail: 'must be no more than 63 characters',
      });
    }
    if (!full(LABEL_VALUE).test(value)) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'metadata.labels',
        value,
        detail: `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`,
      });
    }
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    annotationBytes += key.length + String(value).length;
    for (const problem of qualifiedNameProblems(key.toLowerCase())) {
      errors.push({ type: 'FieldValueInvalid', field: 'metadata.annotations', value: key, detail: problem });
    }
  }
  if (annotationBytes > 262144) {
    errors.push({
      type: 'FieldValueTooLong',
      field: 'metadata.annotations',
      detail: 'may not be more than 262144 bytes',
    });
  }
  (metadata.finalizers ?? []).forEach((finalizer, i) => {
    for (const problem of qualifiedNameProblems(finalizer)) {
      errors.push({
        type: 'FieldValueInvalid',
        field: `metadata.finalizers[${i}]`,
        value: finalizer,
        detail: problem,
      });
    }
    if (!STANDARD_FINALIZERS.has(finalizer) && !finalizer.includes('/')) {
      warnings.push(
        `metadata.finalizers: "${finalizer}": prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers`,
      );
    }
  });
  (metadata.ownerReferences ?? []).forEach((ref, i) => {
    for (const field of ['apiVersion', 'kind', 'name', 'uid'] as const) {
      if (!ref[field])
        errors.push({
          type: 'FieldValueInvalid',
          field: `metadata.ownerReferences[${i}].${field}`,
          value: ref[field] ?? '',
          detail: `${field} must not be empty`,
        });
    }
  });
  if ((metadata.ownerReferences ?? []).filter((r) => r.controller === true).length > 1) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'metadata.ownerReferences',
      value: metadata.ownerReferences,
      detail: 'Only one reference can have Controller set to true',
    });
  }
  return errors;
}
