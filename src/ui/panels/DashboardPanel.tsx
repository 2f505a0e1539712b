// The dashboard panel: what the dashboard process on the client machine (a Kubernetes
// Dashboard stand-in, src/kube/dashboard) has read through the load balancer and the
// apiserver: Workloads, Pods, Nodes, Events, in type large enough for a projector. It
// only draws the process's view; every row came over the simulated network.

import { useState } from 'react';
import type { DashboardView } from '../../protocol/dashboard';
import { liveView } from '../../protocol/crashed';
import { useLab } from '../store/store';
import { leavePageFor } from '../teach/TryThis';

const TABS = ['workloads', 'pods', 'nodes', 'events'] as const;
type Tab = (typeof TABS)[number];

export function DashboardPanel() {
  const kube = useLab((s) => s.machineNames.includes('lb'));
  const present = useLab((s) => s.machines['client']?.processes?.['dashboard'] !== undefined);
  const view = useLab((s) => liveView<DashboardView>(s.machines['client']?.processes?.['dashboard']));
  const [tab, setTab] = useState<Tab>('pods');
  if (!kube) return null;
  if (!present) {
    return (
      <section className="dashboard panel" aria-label="dashboard">
        <h2>Dashboard</h2>
        <p className="muted">
          kubectl is one client of the apiserver; a web dashboard is another. Start the cluster with a dashboard on the client machine to see a third client read the
          cluster through the load balancer.
        </p>
        <button type="button" data-testid="dashboard-start" onClick={() => {
          const params = new URLSearchParams(window.location.search);
          params.set('dashboard', '1');
          leavePageFor(`?${params.toString()}`, 'with the dashboard');
        }}>Start with the dashboard</button>
      </section>
    );
  }
  return (
    <section className="dashboard panel" aria-label="dashboard" data-testid="dashboard" data-synced={String(view?.synced ?? false)}>
      <h2>Dashboard <span className="muted dashboard-who" title="Its own identity: every row came through the load balancer and an apiserver, as kubectl's answers do">as {view?.identity.split(':').pop() ?? '…'}</span></h2>
      <div className="dashboard-tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} data-testid={`dashboard-tab-${t}`} className={tab === t ? 'on' : ''} onClick={() => setTab(t)}>
            {t[0]!.toUpperCase() + t.slice(1)}
          </button>
        ))}
      </div>
      {!view ? <p className="muted">Connecting…</p> : !view.synced ? <p className="muted">Loading: listing from the apiserver…</p> : <DashboardTable view={view} tab={tab} />}
    </section>
  );
}

function DashboardTable({ view, tab }: { view: DashboardView; tab: Tab }) {
  switch (tab) {
    case 'workloads':
      return (
        <table className="dashboard-table">
          <thead><tr><th>Deployment</th><th>Pods</th><th>Images</th></tr></thead>
          <tbody>{view.workloads.map((w) => <tr key={`${w.namespace}/${w.name}`} data-testid={`dashboard-deployment-${w.namespace}-${w.name}`}><td>{w.name}</td><td>{w.ready} / {w.desired}</td><td>{w.images}</td></tr>)}</tbody>
        </table>
      );
    case 'pods':
      return (
        <>
          <table className="dashboard-table">
            <thead><tr><th>Pod</th><th>Status</th><th>Node</th><th>Restarts</th></tr></thead>
            <tbody>
              {view.pods.map((p) => (
                <tr key={`${p.namespace}/${p.name}`} data-testid={`dashboard-pod-${p.namespace}-${p.name}`} data-phase={p.phase} className={`phase-${p.phase.toLowerCase()}${p.terminating ? ' terminating' : ''}`}>
                  <td>{p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`}</td><td>{p.terminating ? 'Terminating' : p.phase}</td><td>{p.node || '—'}</td><td>{p.restarts}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.podCount > view.pods.length && <p className="muted">and {view.podCount - view.pods.length} more</p>}
        </>
      );
    case 'nodes':
      return (
        <table className="dashboard-table">
          <thead><tr><th>Node</th><th>Ready</th><th>Roles</th><th>Zone</th><th>Pods</th></tr></thead>
          <tbody>{view.nodes.map((n) => <tr key={n.name} data-testid={`dashboard-node-${n.name}`} data-ready={n.ready}><td>{n.name}</td><td>{n.ready}</td><td>{n.roles}</td><td>{n.zone || '—'}</td><td>{n.pods}</td></tr>)}</tbody>
        </table>
      );
    case 'events':
      return (
        <table className="dashboard-table">
          <thead><tr><th>Type</th><th>Reason</th><th>Object</th><th>Message</th></tr></thead>
          <tbody>{view.events.map((e, i) => <tr key={i} className={e.type === 'Warning' ? 'warning' : ''}><td>{e.type}</td><td>{e.reason}{e.count > 1 ? ` (×${e.count})` : ''}</td><td>{e.object}</td><td>{e.message}</td></tr>)}</tbody>
        </table>
      );
  }
}
