// kube-apiserver's etcd compaction (--etcd-compaction-interval, 5 minutes): every
// interval one apiserver wins a compare-and-swap on the key `compact_rev_key` and
// compacts etcd to the revision it recorded the interval before, so watchers have a
// full interval to catch up and the MVCC history stays bounded. The others see the
// swap fail and only remember the newer version (storage/etcd3/compact.go).

import type { EtcdClient } from '../../etcd/clientv3/etcd-client';
import type { ResponseOp } from '../../etcd/types';

const KEY = 'compact_rev_key';

export class Compactor {
  private nextAt: number;
  /** compact_rev_key's version as this apiserver last saw it. */
  private version = 0;
  /** The revision recorded at the previous interval: what the next compaction removes. */
  private lastRev = 0;
  private busy = false;

  constructor(
    private readonly etcd: EtcdClient,
    private readonly intervalMs: number,
    now: number,
  ) {
    this.nextAt = now + intervalMs;
  }

  tick(now: number): void {
    if (this.busy || now < this.nextAt) return;
    this.nextAt = now + this.intervalMs;
    this.busy = true;
    this.etcd.request(
      {
        type: 'txn',
        compare: [{ target: 'VERSION', result: '=', key: KEY, value: this.version }],
        success: [{ type: 'put', key: KEY, value: KEY }],
        failure: [{ type: 'range', key: KEY }],
      },
      (r) => {
        if (!r.ok) {
          this.busy = false;
          return;
        }
        const t = r.response as Extract<ResponseOp, { type: 'txn' }>;
        const rev = r.header.revision;
        if (!t.succeeded) {
          const kv = (t.responses[0] as Extract<ResponseOp, { type: 'range' }> | undefined)?.kvs[0];
          this.version = kv?.version ?? 0;
          this.lastRev = rev;
          this.busy = false;
          return;
        }
        this.version++;
        const target = this.lastRev;
        this.lastRev = rev;
        if (target <= 0) {
          this.busy = false;
          return;
        }
        this.etcd.request({ type: 'compact', revision: target }, () => (this.busy = false));
      },
    );
  }
}
