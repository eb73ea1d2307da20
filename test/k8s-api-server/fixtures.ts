/** A small CRD for the server's tests, shaped like WhatsAppIntegration (defaults, enum, pattern, CEL). */
import type { K8sObject } from './types.ts';

export const WIDGET_CRD: K8sObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.test' },
  spec: {
    group: 'example.test',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wdg'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['tenant'],
                properties: {
                  tenant: {
                    type: 'string',
                    maxLength: 20,
                    pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
                    'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'tenant is immutable' }],
                  },
                  size: { type: 'integer', minimum: 1, maximum: 10, default: 3 },
                  mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
                  worker: {
                    type: 'object',
                    default: {},
                    'x-kubernetes-validations': [
                      { rule: 'self.max >= self.min', message: 'worker.max must be at least worker.min' },
                    ],
                    properties: {
                      min: { type: 'integer', default: 1 },
                      max: { type: 'integer', default: 4 },
                    },
                  },
                  tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
                  ports: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: {
                      type: 'object',
                      required: ['name'],
                      properties: { name: { type: 'string' }, port: { type: 'integer' } },
                    },
                  },
                },
              },
              status: {
                type: 'object',
                properties: {
                  observedGeneration: { type: 'integer' },
                  phase: { type: 'string' },
                },
              },
            },
          },
        },
      },
    ],
  },
};
