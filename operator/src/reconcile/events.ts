import type { Logger } from '@taskline/core/base';
import { describeError, type Kube } from '../kube/client.ts';
import { EVENT } from '../resource/kinds.ts';
import type { WhatsAppIntegration } from './integration.ts';

/**
 * Kubernetes Events (events.k8s.io/v1) about a WhatsAppIntegration, for `kubectl describe` and
 * `kubectl events`. Emitted on changes only, never per reconcile; a failed Event is logged, not retried.
 */
export class EventRecorder {
  private sequence = 0;

  private readonly kube: Kube;
  private readonly instance: string;
  private readonly log: Logger;

  constructor(kube: Kube, instance: string, log: Logger) {
    this.kube = kube;
    this.instance = instance;
    this.log = log;
  }

  record(
    integration: WhatsAppIntegration,
    type: 'Normal' | 'Warning',
    reason: string,
    action: string,
    note: string,
  ): void {
    const { name, namespace, uid } = integration.metadata;
    const now = new Date();
    this.sequence += 1;
    const event = {
      apiVersion: EVENT.apiVersion,
      kind: EVENT.kind,
      metadata: { name: `${name}.${now.getTime().toString(16)}${this.sequence}`, namespace },
      eventTime: now.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
      reportingController: 'taskline.io/operator',
      reportingInstance: this.instance,
      action,
      reason,
      note: note.slice(0, 1024),
      type,
      regarding: { apiVersion: integration.apiVersion, kind: integration.kind, name, namespace, uid },
    };
    this.kube.create(event).catch((error: unknown) => {
      this.log.warn({ err: describeError(error), reason }, 'could not record an event');
    });
  }
}
