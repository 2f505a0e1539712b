// The title bar: the cluster's shape, the timing profile, the time controls.

import { useLab } from '../store/store';
import { useLabApi } from '../lab';
import { TimeControls } from './TimeControls';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function clusterShape(kinds: readonly string[]): string {
  const count = (k: string) => kinds.filter((x) => x === k).length;
  const masters = count('master');
  const etcdHosts = count('etcd');
  const workers = count('worker');
  const parts = etcdHosts > 0
    ? [`external etcd ×${etcdHosts}`, plural(masters, 'master')]
    : [`stacked: ${plural(masters, 'master')}, etcd ×${masters}`];
  parts.push(plural(workers, 'worker'));
  return parts.join(' · ');
}

export function Header() {
  const lab = useLabApi();
  const kinds = useLab((s) => s.machineNames.map((n) => s.machines[n]?.kind ?? '').join(','));
  const profile = useLab((s) => s.profile);
  const seed = lab.started.seed ?? lab.started.setup.seed;
  return (
    <header className="app-header">
      <h1>
        <span aria-hidden="true">⛁</span> Raft lab
      </h1>
      <div className="cluster-shape" data-testid="cluster-shape">
        {lab.started.scenario && <span className="scenario">scenario <b>{lab.started.scenario}</b> · </span>}
        {kinds ? clusterShape(kinds.split(',')) : 'starting…'}
        {!lab.started.scenario && <span className="seed"> · seed {seed}</span>}
      </div>
      <span className={`profile profile-${profile ?? 'unknown'}`} data-testid="profile" title="timing profile: classroom shortens slow timeouts so a lesson fits in minutes; realistic uses the real defaults">
        {profile ?? '…'} timing
      </span>
      <TimeControls />
    </header>
  );
}
