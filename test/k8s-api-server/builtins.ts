/**
 * What the real registry strategies of a few built-in kinds do on write: defaulting (Deployment and Pod
 * specs, Services, Secrets' stringData, the Namespace name label) and the validations an operator most often
 * trips over. Everything else about built-in kinds is stored as sent (no schema, no pruning).
 */
import { badRequest, type FieldError } from './errors.ts';
import { deepEqual, isObject, type Json } from './json.ts';
import type { K8sObject } from './types.ts';

const setDefault = (object: Json, key: string, value: unknown) => {
  if (object[key] === undefined) object[key] = value;
};

function defaultPodSpec(spec: Json): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (!isObject(container)) continue;
      setDefault(container, 'terminationMessagePath', '/dev/termination-log');
      setDefault(container, 'terminationMessagePolicy', 'File');
      const image = typeof container.image === 'string' ? container.image : '';
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      setDefault(container, 'imagePullPolicy', !tag || tag === 'latest' ? 'Always' : 'IfNotPresent');
      setDefault(container, 'resources', {});
      if (Array.isArray(container.ports))
        for (const port of container.ports) if (isObject(port)) setDefault(port, 'protocol', 'TCP');
    }
  }
}

function validatePodSpec(spec: unknown, path: string, errors: FieldError[]): void {
  const containers = isObject(spec) ? spec.containers : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push({ type: 'FieldValueRequired', field: `${path}.containers`, detail: '' });
    return;
  }
  containers.forEach((c, i) => {
    if (!isObject(c) || !c.name)
      errors.push({ type: 'FieldValueRequired', field: `${path}.containers[${i}].name`, detail: '' });
    if (!isObject(c) || !c.image)
      errors.push({ type: 'FieldValueRequired', field: `${path}.containers[${i}].image`, detail: '' });
  });
}

function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObject(selector)) return false;
  const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((e) => {
    if (!isObject(e)) return false;
    const values = Array.isArray(e.values) ? e.values : [];
    const has = Object.hasOwn(labels, String(e.key));
    const value = labels[String(e.key)];
    if (e.operator === 'In') return has && values.includes(value);
    if (e.operator === 'NotIn') return !has || !values.includes(value);
    if (e.operator === 'Exists') return has;
    return !has;
  });
}

function deployment(object: K8sObject, old: K8sObject | undefined, errors: FieldError[]): void {
  const spec = isObject(object.spec) ? object.spec : (object.spec = {});
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'strategy', {
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
  });
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  const template = isObject(spec.template) ? spec.template : undefined;
  if (template && isObject(template.spec)) defaultPodSpec(template.spec);
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.replicas',
      value: spec.replicas,
      detail: 'must be greater than or equal to 0',
    });
  }
  if (!isObject(spec.selector)) {
    errors.push({ type: 'FieldValueRequired', field: 'spec.selector', detail: '' });
  } else {
    const meta = isObject(template?.metadata) ? template.metadata : {};
    const labels = (isObject(meta.labels) ? meta.labels : {}) as Record<string, string>;
    if (!selectorMatches(spec.selector, labels)) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        value: labels,
        detail: '`selector` does not match template `labels`',
      });
    }
    const oldSpec = isObject(old?.spec) ? old.spec : undefined;
    if (oldSpec && !deepEqual(oldSpec.selector, spec.selector)) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        value: spec.selector,
        detail: 'field is immutable',
      });
    }
  }
  validatePodSpec(template?.spec, 'spec.template.spec', errors);
}

let nextClusterIp = 1;

function service(object: K8sObject, old: K8sObject | undefined, errors: FieldError[]): void {
  const spec = isObject(object.spec) ? object.spec : (object.spec = {});
  const oldSpec = isObject(old?.spec) ? old.spec : {};
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName') {
    setDefault(spec, 'clusterIP', oldSpec.clusterIP);
    setDefault(spec, 'clusterIPs', oldSpec.clusterIPs);
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      const n = nextClusterIp++;
      spec.clusterIP = `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    }
    setDefault(spec, 'clusterIPs', [spec.clusterIP]);
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    if (oldSpec.clusterIP !== undefined && spec.clusterIP !== oldSpec.clusterIP) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        value: spec.clusterIP,
        detail: 'may not change once set',
      });
    }
  }
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  for (const port of ports) {
    if (!isObject(port)) continue;
    setDefault(port, 'protocol', 'TCP');
    setDefault(port, 'targetPort', port.port);
  }
  if (ports.length === 0 && spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
    errors.push({ type: 'FieldValueRequired', field: 'spec.ports', detail: '' });
  }
}

function secret(object: K8sObject, errors: FieldError[]): void {
  setDefault(object, 'type', 'Opaque');
  const data: Json = isObject(object.data) ? object.data : {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
      throw badRequest(
        `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0 (key ${key})`,
      );
    }
  }
  if (isObject(object.stringData)) {
    for (const [key, value] of Object.entries(object.stringData))
      data[key] = Buffer.from(String(value)).toString('base64');
    delete object.stringData;
  }
  if (Object.keys(data).length > 0) object.data = data;
  const size = Object.values(data).reduce<number>(
    (sum, v) => sum + Buffer.from(String(v), 'base64').length,
    0,
  );
  if (size > 1048576)
    errors.push({ type: 'FieldValueTooLong', field: 'data', detail: 'may not be more than 1048576 bytes' });
}

function configMap(object: K8sObject, errors: FieldError[]): void {
  let size = 0;
  for (const field of ['data', 'binaryData']) {
    const data = object[field];
    if (!isObject(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      size += key.length + String(value).length;
      if (!/^[-._a-zA-Z0-9]+$/.test(key) || key.length > 253) {
        errors.push({
          type: 'FieldValueInvalid',
          field: `${field}[${key}]`,
          value: key,
          detail:
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        });
      }
    }
  }
  if (size > 1048576)
    errors.push({ type: 'FieldValueTooLong', field: '[]', detail: 'may not be more than 1048576 bytes' });
}

/** Defaults and validates a built-in object in place (before the generic checks); returns its errors. */
export function prepareBuiltIn(object: K8sObject, old: K8sObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  const kind = `${group}/${object.kind}`;
  if (kind === 'apps/Deployment') deployment(object, old, errors);
  else if (kind === '/Service') service(object, old, errors);
  else if (kind === '/Secret') secret(object, errors);
  else if (kind === '/ConfigMap') configMap(object, errors);
  else if (kind === '/Pod') {
    if (isObject(object.spec)) defaultPodSpec(object.spec);
    validatePodSpec(object.spec, 'spec', errors);
  } else if (kind === '/Namespace') {
    object.metadata.labels = {
      ...object.metadata.labels,
      'kubernetes.io/metadata.name': object.metadata.name,
    };
    const spec = isObject(object.spec) ? object.spec : (object.spec = {});
    setDefault(spec, 'finalizers', ['kubernetes']);
  }
  return errors;
}

/** The status a new object of a built-in kind starts with (its status is reset on create). */
export function initialStatus(object: K8sObject): Json | undefined {
  if (object.kind === 'Namespace') return { phase: 'Active' };
  if (object.kind === 'Pod') return { phase: 'Pending', qosClass: 'BestEffort' };
  if (object.kind === 'CustomResourceDefinition') return undefined;
  if (object.kind === 'Service' || object.kind === 'Ingress') return { loadBalancer: {} };
  if (object.kind === 'PodDisruptionBudget') {
    return { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  }
  return {};
}
