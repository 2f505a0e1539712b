// A worker of a large cluster (more than a dozen), drawn small: its name, its Ready state
// and its pods as dots coloured by phase. How much it shows depends on the zoom (level
// of detail): far out only a count, then the dots, close up also the pod count by phase.
// Each tile re-renders only when its own node or pods change (per-node selectors over
// the store's structurally shared pod list).

import { memo } from 'react';
import type { PodSummary } from '../../protocol/kube-views';
import { useLab, type LabState } from '../store/store';
import { usePacedLab } from '../graph/paced';
import { KUBE_PACE_MS } from './KubeParts';
import { apiSummary, nodeNamed } from './api-view';
import { NodeCidr } from '../lazy-parts';
import { networkStore } from '../network/network-store';
import { zoomLevel } from '../graph/zoom-level';

const byNodeCache = new WeakMap<readonly PodSummary[], Map<string, PodSummary[]>>();

/** The pods per node, computed once per pod list (the list keeps its identity while no
 * pod changes, so a hundred tiles share one pass). Mirror pods are left out. */
export function podsByNode(pods: readonly PodSummary[]): Map<string, PodSummary[]> {
  let m = byNodeCache.get(pods);
  if (m) return m;
  m = new Map();
  for (const p of pods) {
    if (p.mirror || p.node === '') continue;
    let list = m.get(p.node);
    if (!list) m.set(p.node, (list = []));
    list.push(p);
  }
  byNodeCache.set(pods, m);
  return m;
}

const NO_PODS: readonly PodSummary[] = [];

const lastOnTile = new Map<string, readonly PodSummary[]>();
/** A tile's pods, the same array while they are the same pods. */
const podsOnTile = (s: LabState, node: string): readonly PodSummary[] => {
  const next = podsByNode(apiSummary(s.machines).pods).get(node) ?? NO_PODS;
  const last = lastOnTile.get(node);
  if (last && last.length === next.length && last.every((p, i) => p === next[i])) return last;
  lastOnTile.set(node, next);
  return next;
};
const never = (): boolean => false;

function podClass(p: PodSummary): string {
  return p.terminating ? 'terminating' : p.reason === 'CrashLoopBackOff' ? 'crash' : p.phase.toLowerCase();
}

export const WorkerTile = memo(function WorkerTile({ id }: { id: string }) {
  const ready = useLab((s) => nodeNamed(apiSummary(s.machines).nodes, id)?.ready ?? '');
  // Paced (src/ui/graph/paced.ts): during a rollout a third of the tiles changed on
  // every frame; each tile keeps its own pace, so their updates spread over frames.
  const pods = usePacedLab(id, podsOnTile, KUBE_PACE_MS, never);
  // The level of detail by zoom (../graph/zoom-level.ts: the first paint's or React Flow's).
  const zoom = zoomLevel((s) => s.level);
  const readyText = ready === 'True' ? 'Ready' : ready === '' ? 'not registered' : 'NotReady';
  return (
    <>
      <div className="tile-head">
        <span className="tile-name">{id.replace('worker-', 'w-')}</span>
        <span className={`tile-ready ${ready === 'True' ? 'ok' : 'bad'}`} data-testid={`node-${id}`} data-ready={ready} title={readyText} aria-label={readyText} />
        <span className="tile-count">{pods.length}</span>
      </div>
      {zoom !== 'far' && (
        <div className="tile-pods" aria-label="pods">
          {pods.map((p) => (
            <span
              key={p.name}
              className={`pod-dot pod-${podClass(p)}`}
              data-testid={`pod-${p.namespace}-${p.name}`}
              data-phase={p.phase}
              data-node={p.node}
              title={`${p.namespace}/${p.name}: ${p.terminating ? 'Terminating' : p.phase}${p.reason ? ` (${p.reason})` : ''}${p.ip ? ` · ${p.ip}` : ''}`}
              onClick={() => networkStore.getState().selectPod(`${p.namespace}/${p.name}`)}
            />
          ))}
        </div>
      )}
      {zoom === 'detail' && <TilePhases pods={pods} />}
      {zoom === 'detail' && <NodeCidr node={id} tile />}
    </>
  );
});

function TilePhases({ pods }: { pods: readonly PodSummary[] }) {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(podClass(p), (counts.get(podClass(p)) ?? 0) + 1);
  return <div className="tile-phases">{[...counts].map(([k, n]) => `${n} ${k}`).join(' · ') || 'no pods'}</div>;
}
