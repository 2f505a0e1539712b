// The Kubernetes parts of a machine card: the control-plane components (with the lease
// holders crowned; on a stacked master the apiserver's arrow to its etcd member), the
// node's Ready badge and taints, its pods coloured by phase, and the load balancer's
// backends. Everything comes from the store per machine; pods and
// node state come from the API's picture (api-view.ts).

import { memo } from 'react';
import { useShallow } from 'zustand/shallow';
import type { ControllerManagerView, LoadBalancerView, SchedulerView } from '../../protocol/kube-views';
import type { CloudControllerManagerView } from '../../protocol/cloud';
import { isCrashed, liveView } from '../../protocol/crashed';
import type { MachineState } from '../../protocol/frames';
import { useLab } from '../store/store';
import { ApiEtcdArrow } from './ApiEtcdArrow';
import { apiserverOf, apiSummary, holderMachine, type PodSummary, nodeNamed, podsOn } from './api-view';
import { EvictCountdown, GraceCountdown, LeaseCountdown } from '../lazy-parts';
import { useTeach } from '../teach/teach-store';
import { networkStore, useNetwork } from '../network/network-store';
import { usePacedLab } from '../graph/paced';
import type { LabState } from '../store/store';
import { countText } from '../count-text';

/** Wall ms between two pictures of the parts that change with nearly every write while
 * the clock runs (the apiserver's revision in its chip, the Pending tray during a
 * rollout): see src/ui/graph/paced.ts. */
export const KUBE_PACE_MS = 100;
const machineOn = (s: LabState, host: string): MachineState | undefined => s.machines[host];
/** What a chip shows apart from its title: a machine going down or up, a process
 * crashing, the apiserver's readiness and a lease won or lost show at once. */
function chipsSignature(m: MachineState | undefined): string {
  const p = m?.processes ?? {};
  const leader = (id: string) => liveView<{ election?: { leader?: boolean } }>(p[id])?.election?.leader;
  return `${m?.status}|${apiserverOf(m)?.ready}|${leader('kube-scheduler')}|${leader('kube-controller-manager')}|${leader('cloud-controller-manager')}|${Object.keys(p).filter((k) => isCrashed(p[k])).join(',')}`;
}
const chipsChanged = (a: MachineState | undefined, b: MachineState | undefined): boolean => chipsSignature(a) !== chipsSignature(b);

export type Chip = { id: string; label: string; state: 'ok' | 'warn' | 'off' | 'idle' | 'crashed'; leader?: boolean; title: string; lease?: 'kube-scheduler' | 'kube-controller-manager' };

/** A process that threw is drawn as crashed, whatever it last said: it serves nothing
 * until its machine restarts. */
function crashedChip(c: Chip, view: unknown, host: string): Chip {
  if (!isCrashed(view)) return c;
  return { id: c.id, label: `${c.label} ✕`, state: 'crashed', title: `${c.id} crashed: ${view.error}\nrestart ${host} to start it again` };
}

/** The chips of a machine's components, from its views and the lease holders. */
export function componentChips(host: string, machine: MachineState | undefined, leases: Readonly<Record<string, string>>, stacked: boolean): Chip[] {
  const up = machine?.status === 'up';
  const p = machine?.processes ?? {};
  const api = apiserverOf(machine);
  const sched = liveView<SchedulerView>(p['kube-scheduler']);
  const cm = liveView<ControllerManagerView>(p['kube-controller-manager']);
  const isMaster = machine?.kind === 'master';
  // A dead master holds nothing; while up, its own elector knows best.
  const holds = (lease: string, own: boolean | undefined) => up && (own ?? holderMachine(leases[lease]) === host);
  const chips: Chip[] = [];
  if (isMaster) {
    chips.push({ id: 'kube-apiserver', label: 'apiserver', state: !up ? 'off' : api?.ready ? 'ok' : 'warn', title: api ? `kube-apiserver: ${api.ready ? 'ready' : 'not ready (no etcd)'} · revision ${api.revision} · ${api.watchers} watches · etcd ${api.etcdEndpoint}` : 'kube-apiserver' });
    // The API's holder carries the Lease's countdown, up or not: a dead holder still
    // names itself in the Lease until it runs out.
    const apiHolds = (lease: string) => holderMachine(leases[lease]) === host;
    chips.push({ id: 'kube-scheduler', label: 'scheduler', state: up ? 'ok' : 'off', leader: holds('kube-system/kube-scheduler', sched?.election.leader), title: `kube-scheduler${sched ? ` · ${sched.pending} pending` : ''}`, ...(apiHolds('kube-system/kube-scheduler') ? { lease: 'kube-scheduler' as const } : {}) });
    chips.push({ id: 'kube-controller-manager', label: 'controller-mgr', state: up ? 'ok' : 'off', leader: holds('kube-system/kube-controller-manager', cm?.election.leader), title: 'kube-controller-manager', ...(apiHolds('kube-system/kube-controller-manager') ? { lease: 'kube-controller-manager' as const } : {}) });
    if (stacked) chips.push({ id: 'etcd', label: 'etcd', state: up ? 'ok' : 'off', title: 'the etcd member (below)' });
  }
  chips.push({ id: 'kubelet', label: 'kubelet', state: up ? 'ok' : 'off', title: 'kubelet: registers the node, renews its Lease, runs its pods' });
  chips.push({ id: 'containerd', label: 'containerd', state: up ? 'ok' : 'off', title: 'container runtime' });
  chips.push({ id: 'kube-proxy', label: 'kube-proxy', state: up ? 'ok' : 'off', title: 'kube-proxy: Service → endpoint rules' });
  // Only with a cloud (cloud: sim): kubeadm without a cloud provider runs no
  // cloud-controller-manager, so none is drawn.
  const ccm = p['cloud-controller-manager'];
  if (isMaster && ccm !== undefined) {
    const v = liveView<CloudControllerManagerView>(ccm);
    chips.push({ id: 'cloud-controller-manager', label: 'cloud-ctrl', state: up ? 'ok' : 'off', leader: holds('kube-system/cloud-controller-manager', v?.election.leader), title: `cloud-controller-manager: ${(v?.controllers ?? []).join(', ')} · talks to the cloud's API` });
  }
  // The chips of up machines whose process crashed: containerd is the kubelet's runtime.
  return up ? chips.map((c) => crashedChip(c, p[c.id === 'containerd' ? 'kubelet' : c.id], host)) : chips;
}

/** The components of a master (or the node agents of any node), as chips.
 * `only`: just these components, in one row (presenter mode's short card). */
export const ComponentChips = memo(function ComponentChips({ host, stacked, only }: { host: string; stacked: boolean; only?: readonly string[] }) {
  const machine = usePacedLab(host, machineOn, KUBE_PACE_MS, chipsChanged);
  const leases = useLab((s) => apiSummary(s.machines).leases);
  const isMaster = machine?.kind === 'master';
  const chips = componentChips(host, machine, leases, stacked);
  const tag = (c: Chip) => <ChipTag key={c.id} host={host} chip={c} />;
  if (only) return <div className="chips">{chips.filter((c) => only.includes(c.id)).map(tag)}</div>;
  if (!(stacked && isMaster)) return <div className="chips">{chips.map(tag)}</div>;
  // Layered like the architecture: the components that go through the apiserver on
  // top, the apiserver right above the etcd member, and its arrow down to it the only
  // line into etcd. The cloud-controller-manager (with a cloud) shares the apiserver's row. Fixed
  // rows, so a wider chip (a leader's crown) wraps within its row and moves nothing else.
  const row = (ids: readonly string[]) => <div className="chips">{chips.filter((c) => ids.includes(c.id)).map(tag)}</div>;
  return (
    <div className="cp-stacked">
      {row(['kube-scheduler', 'kube-controller-manager', 'etcd'])}
      {row(['kubelet', 'containerd', 'kube-proxy'])}
      {row(['kube-apiserver', 'cloud-controller-manager'])}
      <ApiEtcdArrow host={host} />
    </div>
  );
});

/** The chips are rebuilt on every update of the machine (the apiserver's revision moves
 * with every write): a chip re-renders only when what it shows changed. */
const sameChip = (a: { host: string; chip: Chip }, b: { host: string; chip: Chip }): boolean =>
  a.host === b.host && a.chip.id === b.chip.id && a.chip.label === b.chip.label && a.chip.state === b.chip.state && a.chip.leader === b.chip.leader && a.chip.title === b.chip.title && a.chip.lease === b.chip.lease;

const ChipTag = memo(function ChipTag({ host, chip: c }: { host: string; chip: Chip }) {
  return (
    <span
      className={`chip chip-${c.state}${c.leader ? ' chip-leader' : ''}`}
      data-testid={`component-${host}-${c.id}`}
      {...(c.state === 'crashed' ? { 'data-crashed': 'true' } : {})}
      {...(c.leader !== undefined ? { 'data-leader': String(c.leader) } : {})}
      title={c.leader ? `${c.title} — holds the leader Lease` : c.title}
    >
      {c.leader && <span aria-hidden="true">♛ </span>}
      {c.label}
      {c.lease && <LeaseCountdown lease={c.lease} />}
    </span>
  );
}, sameChip);

/** The node's Ready condition (from the API) and cordon, as kubectl's STATUS column. */
export const NodeBadge = memo(function NodeBadge({ node }: { node: string }) {
  const n = useLab((s) => nodeNamed(apiSummary(s.machines).nodes, node));
  if (!n) return <span className="node-badge node-unknown">not registered</span>;
  const text = n.ready === 'True' ? 'Ready' : 'NotReady';
  return (
    <span className="node-state">
      <span className={`node-badge node-${n.ready === 'True' ? 'ready' : 'notready'}`} data-testid={`node-${node}`} data-ready={n.ready} title={`${text}${n.unschedulable ? ',SchedulingDisabled (cordoned)' : ''} — Ready condition: ${n.ready}${n.ready === 'Unknown' ? ' (the kubelet stopped posting status)' : ''}`}>
        {text}
        {n.unschedulable && ',SchedulingDisabled'}
      </span>
      {n.ready === 'True' && <GraceCountdown node={node} />}
    </span>
  );
});

/** The node's own labels (not the kubernetes.io ones), e.g. worker-1's disk=ssd, which
 * a nodeSelector demo needs to see. */
export const NodeLabels = memo(function NodeLabels({ node }: { node: string }) {
  const labels = useLab(useShallow((s) => {
    const l = nodeNamed(apiSummary(s.machines).nodes, node)?.labels ?? {};
    return Object.keys(l).filter((k) => !k.includes('kubernetes.io')).sort().map((k) => `${k}=${l[k]}`);
  }));
  if (labels.length === 0) return null;
  return <span className="node-labels" data-testid={`labels-${node}`} title={`node labels: ${labels.join(', ')}`}>{labels.join(' ')}</span>;
});

/** The node's taints on a line of their own (the control-plane one is implied by the
 * card), so the header keeps room for the status. */
export const NodeTaints = memo(function NodeTaints({ node }: { node: string }) {
  const all = useLab(useShallow((s) => nodeNamed(apiSummary(s.machines).nodes, node)?.taints ?? []));
  // NoExecute first: it is the one that evicts pods.
  const taints = all.filter((t) => !t.startsWith('node-role.kubernetes.io/control-plane')).sort((a, b) => Number(b.endsWith(':NoExecute')) - Number(a.endsWith(':NoExecute')));
  if (taints.length === 0) return null;
  return (
    <div className="taints" title={all.join('\n')} data-testid={`taints-${node}`}>
      tainted: {taints.map((t) => t.replace('node.kubernetes.io/', '')).join(' · ')}
    </div>
  );
});

/** "web-78dbb8f4d8-2npwr" → "web·2npwr": the Deployment and the pod's own suffix. */
function shortName(p: PodSummary): string {
  // A Deployment's pod (name-<hash>-xxxxx) or a CronJob's (name-<minutes>-xxxxx).
  const m = /^(.*)-[a-z0-9]{6,10}-([a-z0-9]{5})$/.exec(p.name) ?? /^(.*)-\d{8,}-([a-z0-9]{5})$/.exec(p.name);
  if (m) return `${m[1]}·${m[2]}`;
  return p.name.length > 16 ? `…${p.name.slice(-14)}` : p.name;
}

function podTitle(p: PodSummary): string {
  return `${p.namespace}/${p.name}\n${p.terminating ? 'Terminating' : p.phase}${p.ready ? ', ready' : ''}${p.restarts ? `, ${p.restarts} restarts` : ''}${p.reason ? `\n${p.reason}` : ''}${p.owner ? `\nowned by ${p.owner}` : ''}`;
}

/** Click a pod for the pod inspector (its IP, why the scheduler put it there). Inside a
 * machine card (itself a button) the tile is not a second tab stop: the keyboard
 * reaches it through the node inspector's pod list. `focusable`: outside any card
 * (the Pending tray), it is a button of its own. `showIp`: presenter mode. */
export const PodTile = memo(function PodTile({ pod, small, showIp, focusable }: { pod: PodSummary; small?: boolean; showIp?: boolean; focusable?: boolean }) {
  const cls = pod.terminating ? 'terminating' : pod.reason === 'CrashLoopBackOff' ? 'crash' : pod.phase.toLowerCase();
  const key = `${pod.namespace}/${pod.name}`;
  const picked = useNetwork((s) => s.pod === key);
  const pick = () => networkStore.getState().selectPod(key);
  return (
    <span
      className={`pod pod-${cls}${small ? ' pod-small' : ''}${picked ? ' pod-picked' : ''}`}
      data-testid={`pod-${pod.namespace}-${pod.name}`}
      data-phase={pod.phase}
      data-node={pod.node}
      {...(pod.ip ? { 'data-ip': pod.ip } : {})}
      {...(pod.terminating ? { 'data-terminating': 'true' } : {})}
      title={`${podTitle(pod)}${pod.ip ? `\nIP ${pod.ip}` : ''}\n(click: why it runs here)`}
      data-clickable="true"
      onClick={pick}
      {...(focusable ? { role: 'button', tabIndex: 0, onKeyDown: (e: React.KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } } } : {})}
    >
      {/* A finished pod says how it ended in a glyph too, not by its colour alone. */}
      {!pod.terminating && pod.phase === 'Succeeded' && <span className="pod-glyph" aria-hidden="true">✓</span>}
      {!pod.terminating && pod.phase === 'Failed' && <span className="pod-glyph" aria-hidden="true">✗</span>}
      {small ? pod.name.replace(/-master-\d+$/, '').replace(/^kube-/, '') : shortName(pod)}
      {showIp && pod.ip && <span className="pod-ip">{pod.ip}</span>}
      {pod.evictAtMs !== undefined && !pod.terminating && <EvictCountdown pod={`${pod.namespace}-${pod.name}`} atMs={pod.evictAtMs} />}
    </span>
  );
});

/** Tiles drawn per node or tray: a node holds at most 110 pods (kubelet maxPods), but
 * the unscheduled tray can hold thousands, and thousands of DOM nodes per frame would
 * freeze the page. The rest are counted on a "+N more" tile. */
export const MAX_POD_TILES = 120;
/** The Pending tray is one line high: more tiles than a wide screen shows are not drawn
 * (its count says how many there are). */
const MAX_TRAY_TILES = 30;
/** In presenter mode a worker's card (layout.ts PRESENTER_SIZES) holds four two-line pod
 * tiles (name and IP); with more pods the tiles keep to one line (the name, and an
 * eviction countdown beside it rather than below), so five or six still fit the card and the pane (their IPs stay in the pod inspector and the pod
 * network overlay). With the IPs, a fifth pod's third row ran past the pane at 1280×720. */
const PRESENTER_IP_PODS = 4;
/** From this many pods on, the simulation itself slows down (every pod is simulated,
 * watched and drawn): the page says so. */
export const MANY_PODS = 2000;

function MorePods({ n }: { n: number }) {
  return n > 0 ? <span className="pod pod-more" data-testid="pods-more" data-count={n} title={`${n} more pods (kubectl get pods lists them all)`}>+{n} more</span> : null;
}

/** The pods the API places on a node (re-rendered only when one of them changes). */
export const NodePods = memo(function NodePods({ node, mirrorOnly, hideEmpty }: { node: string; mirrorOnly?: boolean; hideEmpty?: boolean }) {
  const pods = useLab(useShallow((s) => podsOn(apiSummary(s.machines).pods, node, mirrorOnly === true)));
  const presenting = useTeach((s) => s.presenting);
  if (pods.length === 0) return mirrorOnly || hideEmpty ? null : <div className="pods pods-empty">no pods</div>;
  const oneLine = pods.length > PRESENTER_IP_PODS;
  return (
    <div className={`pods${mirrorOnly ? ' pods-static' : ''}${oneLine ? ' pods-one-line' : ''}`} aria-label={mirrorOnly ? 'static pods' : 'pods'}>
      {pods.slice(0, MAX_POD_TILES).map((p) => <PodTile key={`${p.namespace}/${p.name}`} pod={p} small={mirrorOnly} showIp={presenting && !mirrorOnly && !oneLine} />)}
      <MorePods n={pods.length - MAX_POD_TILES} />
    </div>
  );
});

/** "5 000 pods: the simulation slows down…", once the API holds many pods. */
export const ManyPodsNotice = memo(function ManyPodsNotice() {
  const count = useLab((s) => apiSummary(s.machines).pods.length);
  if (count < MANY_PODS) return null;
  return (
    <div className="many-pods" data-testid="many-pods" data-count={count} role="status">
      {countText(count)} pods: this browser simulates, watches and draws every one of them, so the cluster runs slower from here on (the page stays usable;
      only the first pods of a node or of the Pending tray are drawn). <code>kubectl scale deployment &lt;name&gt; --replicas=N</code> brings the speed back.
    </div>
  );
});

/** Pods the scheduler has not placed: the "Pending — not scheduled" tray. */
let pendingOf: readonly PodSummary[] | undefined;
let pending: readonly PodSummary[] = [];
/** The pods no node holds yet, the same array while they are the same pods. */
const pendingPods = (s: LabState): readonly PodSummary[] => {
  const all = apiSummary(s.machines).pods;
  if (all === pendingOf) return pending;
  pendingOf = all;
  const next = all.filter((p) => p.node === '');
  if (next.length !== pending.length || next.some((p, i) => p !== pending[i])) pending = next;
  return pending;
};
const trayEmptied = (a: readonly PodSummary[], b: readonly PodSummary[]): boolean => (a.length === 0) !== (b.length === 0);

/** A strip of its own under the graph (GraphStage.tsx), not over it: at 30 workers on a
 * 1280×720 projector the floating tray hid two rows of worker tiles. The graph refits
 * above it when it appears or goes (FitOnResize); it is one line high whatever it
 * holds, so pods coming and going during a rollout do not resize the graph. The count
 * comes first, where it is never cut off; the first pods follow (click one: why it is
 * not scheduled, in the pod inspector). */
export const UnscheduledPods = memo(function UnscheduledPods() {
  // Paced: during a rollout pods enter and leave the tray on nearly every frame.
  const pods = usePacedLab('', pendingPods, KUBE_PACE_MS, trayEmptied);
  if (pods.length === 0) return null;
  return (
    <div className="unscheduled" data-testid="unscheduled" data-count={pods.length} role="group" aria-label={`${pods.length} pending pods, not scheduled`}>
      <span className="unscheduled-title">Pending — not scheduled <span className="unscheduled-count">{countText(pods.length)}</span></span>
      <span className="unscheduled-pods">
        {pods.slice(0, MAX_TRAY_TILES).map((p) => <PodTile key={`${p.namespace}/${p.name}`} pod={p} focusable />)}
        <MorePods n={pods.length - MAX_TRAY_TILES} />
      </span>
    </div>
  );
});

export const LbBackends = memo(function LbBackends({ host }: { host: string }) {
  const view = useLab((s) => liveView<LoadBalancerView>(s.machines[host]?.processes?.['haproxy']));
  if (!view) return null;
  return (
    <div className="lb-backends">
      {view.backends.map((b) => (
        <span key={b.host} className={`lb-backend ${b.up ? 'up' : 'down'}`} title={`${b.host}:6443 ${b.up ? 'UP' : 'DOWN'} (health check /readyz) · ${b.connections} connections`}>
          <span className="dot" aria-hidden="true" />
          {b.host}
        </span>
      ))}
    </div>
  );
});
