import type { Logger } from '@taskline/core/base';
import { describeError, statusCode, type Kube } from '../kube/client.ts';
import { LEASE } from '../resource/kinds.ts';

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds?: number;
  renewDeadlineSeconds?: number;
  retryPeriodSeconds?: number;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

const microTime = (date: Date) => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/**
 * Leader election with a coordination.k8s.io Lease, as client-go does it: take the Lease when it is free or
 * expired, renew it every retry period, and give leadership up when a renewal has not succeeded within the
 * renew deadline. Every write carries the Lease's resourceVersion, so two candidates never both win.
 */
export class LeaderElector {
  private readonly duration: number;
  private readonly renewDeadline: number;
  private readonly retryPeriod: number;
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private lastRenew = 0;
  private stopped = false;

  private readonly kube: Kube;
  private readonly options: LeaderElectionOptions;
  private readonly callbacks: { onStartedLeading: () => void; onStoppedLeading: () => void };
  private readonly log: Logger;

  constructor(
    kube: Kube,
    options: LeaderElectionOptions,
    callbacks: { onStartedLeading: () => void; onStoppedLeading: () => void },
    log: Logger,
  ) {
    this.kube = kube;
    this.log = log;
    this.options = options;
    this.callbacks = callbacks;
    this.duration = options.leaseDurationSeconds ?? 15;
    this.renewDeadline = options.renewDeadlineSeconds ?? 10;
    this.retryPeriod = options.retryPeriodSeconds ?? 2;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    void this.tick();
  }

  /** Stops campaigning; a leader releases the Lease so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.kube.get(LEASE, this.options.namespace, this.options.name);
      const spec = (lease?.spec ?? {}) as LeaseSpec;
      if (lease && spec.holderIdentity === this.options.identity) {
        await this.kube.replace({
          ...lease,
          spec: { ...spec, holderIdentity: undefined, leaseDurationSeconds: 1 },
        });
      }
    } catch (error) {
      this.log.warn({ err: describeError(error) }, 'could not release the lease');
    }
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const held = await this.tryAcquireOrRenew();
      if (held) this.lastRenew = Date.now();
      if (held && !this.leading) {
        this.leading = true;
        this.log.info({ identity: this.options.identity }, 'became the leader');
        this.callbacks.onStartedLeading();
      }
      if (!held && this.leading) this.loseLeadership('another candidate holds the lease');
    } catch (error) {
      this.log.warn({ err: describeError(error) }, 'lease update failed');
      if (this.leading && Date.now() - this.lastRenew > this.renewDeadline * 1000) {
        this.loseLeadership('renew deadline passed');
      }
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.retryPeriod * 1000);
  }

  private loseLeadership(why: string): void {
    this.leading = false;
    this.log.warn({ why }, 'lost leadership');
    this.callbacks.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name, identity } = this.options;
    const now = new Date();
    const lease = await this.kube.get(LEASE, namespace, name);
    if (!lease) {
      const spec: LeaseSpec = {
        holderIdentity: identity,
        leaseDurationSeconds: this.duration,
        acquireTime: microTime(now),
        renewTime: microTime(now),
        leaseTransitions: 0,
      };
      try {
        await this.kube.create({
          apiVersion: LEASE.apiVersion,
          kind: LEASE.kind,
          metadata: { name, namespace },
          spec,
        });
        return true;
      } catch (error) {
        if (statusCode(error) === 409) return false;
        throw error;
      }
    }
    const spec = (lease.spec ?? {}) as LeaseSpec;
    const renewed = spec.renewTime ? Date.parse(spec.renewTime) : 0;
    const expired = renewed + (spec.leaseDurationSeconds ?? this.duration) * 1000 < now.getTime();
    const mine = spec.holderIdentity === identity;
    if (!mine && spec.holderIdentity && !expired) return false;
    const next: LeaseSpec = mine
      ? { ...spec, renewTime: microTime(now), leaseDurationSeconds: this.duration }
      : {
          holderIdentity: identity,
          leaseDurationSeconds: this.duration,
          acquireTime: microTime(now),
          renewTime: microTime(now),
          leaseTransitions: (spec.leaseTransitions ?? 0) + 1,
        };
    try {
      await this.kube.replace({ ...lease, spec: next });
      return true;
    } catch (error) {
      if (statusCode(error) === 409) return false;
      throw error;
    }
  }
}
