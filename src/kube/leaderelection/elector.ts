// Lease-based leader election (client-go tools/leaderelection), as kube-scheduler and
// kube-controller-manager run it: every retryPeriod a candidate reads the Lease; it may
// take it when the holder has not renewed for leaseDuration *as this candidate observed
// it* (its own clock, never the holder's timestamps). The leader renews every
// retryPeriod and gives up when it could not renew for renewDeadline. With 15 s / 10 s /
// 2 s a dead leader's lease moves within 15 + 2 s.

import type { Runtime } from '../../sim/process';
import { RESOURCES } from '../api/resources';
import { microTimestamp } from '../api/time';
import type { Lease } from '../api/types';
import type { ApiClient } from '../clientset/kube-client';
import type { EventRecorder } from '../clientset/events';
import type { ElectorView } from '../../protocol/kube-views';

export type { ElectorView } from '../../protocol/kube-views';

export interface ElectionTiming {
  readonly leaseDurationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
}

export class LeaderElector {
  private leader = false;
  private observed?: Lease;
  private observedAt = 0;
  private lastRenew = 0;
  private nextTry = 0;
  private inFlight = false;

  constructor(
    private readonly rt: Runtime,
    private readonly client: ApiClient,
    private readonly namespace: string,
    private readonly name: string,
    readonly identity: string,
    private readonly timing: ElectionTiming,
    private readonly recorder: EventRecorder,
    private readonly onChange: (leader: boolean) => void,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  tick(): void {
    const now = this.rt.now();
    if (this.leader && now - this.lastRenew > this.timing.renewDeadlineMs) this.lose();
    if (this.inFlight || now < this.nextTry) return;
    this.nextTry = now + this.timing.retryPeriodMs;
    this.inFlight = true;
    this.client.request({ verb: 'get', resource: 'leases', namespace: this.namespace, name: this.name }, (r) => {
      if (r.ok && r.object) this.tryUpdate(r.object as Lease);
      else if (!r.ok && r.status.reason === 'NotFound') this.tryCreate();
      else this.inFlight = false;
    });
  }

  private tryCreate(): void {
    const now = this.rt.now();
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace },
      spec: { holderIdentity: this.identity, leaseDurationSeconds: this.timing.leaseDurationMs / 1000, acquireTime: microTimestamp(now), renewTime: microTimestamp(now), leaseTransitions: 0 },
    };
    this.client.request({ verb: 'create', resource: 'leases', namespace: this.namespace, body: lease }, (r) => {
      this.inFlight = false;
      if (r.ok) this.renewed(r.object as Lease, now, true);
    });
  }

  private tryUpdate(cur: Lease): void {
    const now = this.rt.now();
    // Changes are timed by this candidate's clock, when it saw them (client-go's
    // observedTime), so clock skew between masters cannot steal a lease.
    if (!this.observed || this.observed.spec.renewTime !== cur.spec.renewTime || this.observed.spec.holderIdentity !== cur.spec.holderIdentity) {
      this.observed = cur;
      this.observedAt = now;
    }
    const holder = cur.spec.holderIdentity ?? '';
    const mine = holder === this.identity;
    const expired = this.observedAt + (cur.spec.leaseDurationSeconds ?? 15) * 1000 <= now;
    if (!mine && holder !== '' && !expired) {
      this.inFlight = false;
      if (this.leader) this.lose();
      return;
    }
    const spec = {
      ...cur.spec,
      holderIdentity: this.identity,
      leaseDurationSeconds: this.timing.leaseDurationMs / 1000,
      renewTime: microTimestamp(now),
      ...(mine ? {} : { acquireTime: microTimestamp(now), leaseTransitions: (cur.spec.leaseTransitions ?? 0) + 1 }),
    };
    this.client.request({ verb: 'update', resource: 'leases', namespace: this.namespace, name: this.name, body: { ...cur, spec } }, (r) => {
      this.inFlight = false;
      if (r.ok) this.renewed(r.object as Lease, now, !mine);
    });
  }

  private renewed(lease: Lease, at: number, acquired: boolean): void {
    this.observed = lease;
    this.observedAt = at;
    this.lastRenew = at;
    if (this.leader) return;
    this.leader = true;
    if (acquired) this.recorder.record({ kind: 'Lease', namespace: this.namespace, name: this.name, uid: lease.metadata.uid ?? '' }, 'Normal', 'LeaderElection', `${this.identity} became leader`);
    this.onChange(true);
  }

  private lose(): void {
    this.leader = false;
    this.onChange(false);
  }

  view(): ElectorView {
    return { lease: `${this.namespace}/${this.name}`, identity: this.identity, leader: this.leader, holder: this.observed?.spec.holderIdentity ?? '' };
  }
}

export const LEASES = { resource: RESOURCES.leases.name } as const;
