// The title bar: the cluster's shape, the timing profile, the time controls.

import { parseSetupQuery } from '../url-setup';
import type { ClusterSetup } from '../../protocol/commands';
import { useLab } from '../store/store';
import { useLabApi } from '../lab';
import { PresentToggle } from '../teach/PresentToggle';
import { useTeach } from '../teach/teach-store';
import { leavePageFor } from '../teach/leave-page';
import { ChaosToggle, LessonPicker, PresenterBar, RecordingControls, TimeControls } from '../lazy-parts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `stackedMembers`: masters that run an etcd member, when the frame says (a stacked
 * cluster can gain etcd hosts through `etcdctl member add`). */
export function clusterShape(kinds: readonly string[], stackedMembers?: number): string {
  const count = (k: string) => kinds.filter((x) => x === k).length;
  const masters = count('master');
  const etcdHosts = count('etcd');
  const workers = count('worker');
  const stacked = stackedMembers === undefined ? (etcdHosts > 0 ? 0 : masters) : stackedMembers;
  const parts = stacked === 0
    ? [`external etcd ×${etcdHosts}`, plural(masters, 'master')]
    : [`stacked: ${plural(masters, 'master')}, etcd ×${stacked + etcdHosts}${etcdHosts > 0 ? ` (${etcdHosts} on own host${etcdHosts === 1 ? '' : 's'})` : ''}`];
  parts.push(plural(workers, 'worker'));
  return parts.join(' · ');
}

/** The topologies the selector offers, as URL queries (contracts.md §4). */
export const TOPOLOGIES: readonly { readonly label: string; readonly query: string }[] = [
  { label: '1 master + 2 workers', query: 'masters=1&workers=2' },
  { label: 'HA: 3 stacked masters + 3 workers', query: 'masters=3&workers=3' },
  { label: 'HA: external etcd (3 + 3 + 3 workers)', query: 'topology=external&masters=3&etcd=3&workers=3' },
  { label: '3 masters, no workers', query: 'masters=3&workers=0' },
  { label: 'At scale: 3 masters + 30 workers, 300 pods', query: 'masters=3&workers=30&pods=300' },
  { label: 'At scale: 3 masters + 100 workers, 1 000 pods', query: 'masters=3&workers=100&pods=1000' },
];

/** The same cluster shape, whatever the seed and profile. */
function shapeKey(s: ClusterSetup): string {
  return `${s.topology}|${s.masters}|${s.etcdMembers}|${s.workers}|${s.pods ?? 0}`;
}

function TopologySelect() {
  const lab = useLabApi();
  const s = lab.started.setup;
  // A scenario sets its own topology: the URL's (default) setup says nothing about it.
  const scenario = lab.started.scenario;
  const current = scenario !== undefined ? -1 : TOPOLOGIES.findIndex((t) => shapeKey(parseSetupQuery(t.query).setup) === shapeKey(s));
  return (
    <label className="topology">
      <span className="sr-only">topology</span>
      <select
        data-testid="topology"
        value={current}
        title="Start a new cluster with this topology (the page reloads)"
        onChange={(e) => {
          const t = TOPOLOGIES[Number(e.target.value)];
          if (!t) return;
          const params = new URLSearchParams(t.query);
          params.set('profile', s.profile);
          if (s.cloud === 'sim') params.set('cloud', 'sim');
          leavePageFor(`?${params.toString()}`, `a new cluster (${t.label})`);
        }}
      >
        {current < 0 && <option value={-1}>{scenario !== undefined ? `scenario: ${scenario}` : 'custom (from the URL)'}</option>}
        {TOPOLOGIES.map((t, i) => <option key={t.query} value={i}>{t.label}</option>)}
      </select>
    </label>
  );
}

/** `cloud: none` (kubeadm on bare machines, the default) or `sim` (a simulated cloud
 * provider with its cloud-controller-manager): a new cluster either way. */
function CloudToggle() {
  const lab = useLabApi();
  const cloud = lab.started.setup.cloud === 'sim' ? 'sim' : 'none';
  const other = cloud === 'sim' ? 'none' : 'sim';
  return (
    <button
      type="button"
      className={`cloud-mode cloud-${cloud}`}
      data-testid="cloud"
      data-cloud={cloud}
      title={`Cloud provider. none: machines without a cloud, as kubeadm on bare metal (no cloud-controller-manager, LoadBalancer Services stay <pending>); sim: every machine is an instance of a simulated cloud, a cloud-controller-manager runs, and an instance can be terminated. Click to restart the cluster with cloud: ${other}.`}
      onClick={() => {
        const params = new URLSearchParams(window.location.search);
        if (other === 'sim') params.set('cloud', 'sim');
        else params.delete('cloud');
        leavePageFor(`?${params.toString()}`, other === 'sim' ? 'on a simulated cloud' : 'without a cloud');
      }}
    >
      cloud: {cloud}
    </button>
  );
}

export function Header() {
  const lab = useLabApi();
  const kinds = useLab((s) => s.machineNames.map((n) => s.machines[n]?.kind ?? '').join(','));
  const stackedMembers = useLab((s) => s.machineNames.filter((n) => s.machines[n]?.kind === 'master' && s.machines[n]?.etcd).length);
  const profile = useLab((s) => s.profile);
  const seed = lab.started.seed ?? lab.started.setup.seed;
  const presenting = useTeach((t) => t.presenting);
  return (
    <header className="app-header">
      <h1>
        <span aria-hidden="true">☸</span> kube-raft-lab
      </h1>
      <TopologySelect />
      <div className="cluster-shape" data-testid="cluster-shape">
        {lab.started.scenario && <span className="scenario">scenario <b>{lab.started.scenario}</b> · </span>}
        {kinds ? clusterShape(kinds.split(','), stackedMembers) : 'starting…'}
        {!lab.started.scenario && <span className="seed"> · seed {seed}</span>}
      </div>
      <button
        type="button"
        className={`profile profile-${profile ?? 'unknown'}`}
        data-testid="profile"
        title={`Timing profile. classroom: the same mechanisms with shorter waits (node grace 16 s, tolerations 30 s) so a lesson fits in minutes; realistic: the real defaults (40 s, 300 s). Click to restart the cluster with ${profile === 'realistic' ? 'classroom' : 'realistic'} timing.`}
        onClick={() => {
          const params = new URLSearchParams(window.location.search);
          params.set('profile', profile === 'realistic' ? 'classroom' : 'realistic');
          leavePageFor(`?${params.toString()}`, `with ${profile === 'realistic' ? 'classroom' : 'realistic'} timing`);
        }}
      >
        {profile ?? '…'} timing
      </button>
      <CloudToggle />
      <ChaosToggle />
      <PresentToggle />
      <LessonPicker />
      <RecordingControls />
      {presenting && <PresenterBar />}
      <TimeControls />
    </header>
  );
}
