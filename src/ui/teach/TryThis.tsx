// The "Try this" card: a few demos for the topology on screen, each naming the machine
// it acts on (first-minute.ts decides which). A demo that needs three masters switches
// to the HA topology instead. While a demo runs the card says what to watch for.

import { useMemo } from 'react';
import { apiSummary, holderMachine } from '../kube/api-view';
import { useLabApi } from '../lab';
import { etcdViewOf, labStore, useLab, type LabState } from '../store/store';
import { tryOffers, type ClusterPicture, type TryOffer } from './first-minute';
import { teachStore, useTeach } from './teach-store';
import { leavePageFor } from './leave-page';

export { leavePageFor };

function pictureOf(s: LabState): ClusterPicture {
  const roles: Record<string, string> = {};
  const machines = s.machineNames.map((n) => {
    const m = s.machines[n]!;
    const view = etcdViewOf(m);
    if (view && m.status === 'up' && !view.removed) roles[n] = view.role;
    return { name: n, kind: m.kind, up: m.status === 'up' };
  });
  const api = apiSummary(s.machines);
  const podsOn: Record<string, number> = {};
  for (const p of api.pods) if (p.node && !p.mirror && !p.terminating) podsOn[p.node] = (podsOn[p.node] ?? 0) + 1;
  return { machines, roles, schedulerHolder: holderMachine(api.leases['kube-system/kube-scheduler']), podsOn };
}

/** The offers as JSON, computed again only when the machines changed: the selector runs
 * on every store update (the clock moves on every frame), and at 30 workers a picture
 * of every pod per frame was a cost of its own. */
let offersCache: { machines: LabState['machines']; names: LabState['machineNames']; json: string } | undefined;
function offersJson(s: LabState): string {
  if (s.frameCount === 0 || !s.machineNames.includes('lb')) return '[]';
  if (offersCache?.machines !== s.machines || offersCache.names !== s.machineNames) offersCache = { machines: s.machines, names: s.machineNames, json: JSON.stringify(tryOffers(pictureOf(s))) };
  return offersCache.json;
}

export function TryThis() {
  const lab = useLabApi();
  const json = useLab(offersJson);
  const offers = useMemo(() => JSON.parse(json) as TryOffer[], [json]);
  const demo = useTeach((s) => s.demo);
  if (offers.length === 0) return null;
  const run = (o: TryOffer) => {
    if (o.needsHa) {
      const params = new URLSearchParams({ masters: '3', workers: '3', profile: lab.started.setup.profile });
      leavePageFor(`?${params.toString()}`, 'the HA topology (3 masters, 3 workers)');
      return;
    }
    for (const m of o.kill) lab.send({ type: 'kill', machine: m });
    teachStore.getState().setDemo(`${o.label}${o.expect ? ` — watch for: ${o.expect}` : ''}`);
    labStore.getState().select(o.kill[0] ?? null);
  };
  return (
    <section className="try-this panel" aria-label="try this" data-testid="try-this">
      <h2>Try this</h2>
      {demo && (
        <div className="try-running" data-testid="try-running">
          <p><b>Running:</b> {demo}</p>
          <button type="button" data-testid="try-reset" onClick={() => { lab.send({ type: 'restart', machine: 'down' }); teachStore.getState().setDemo(null); }}>
            ⟳ Boot what is down
          </button>
        </div>
      )}
      <ul className="try-list">
        {offers.map((o) => (
          <li key={o.action}>
            <button
              type="button"
              className={o.needsHa ? 'try-switch' : 'danger'}
              data-testid={`try-${o.action}`}
              {...(o.needsHa ? { 'data-switch': 'ha' } : {})}
              disabled={!o.needsHa && o.kill.length === 0}
              title={o.waiting ?? (o.expect ? `then: ${o.expect}` : undefined)}
              onClick={() => run(o)}
            >
              {o.label}
            </button>
            {o.waiting && <span className="muted"> {o.waiting}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
