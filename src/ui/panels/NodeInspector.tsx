// The Kubernetes side of a selected machine: the node as the API sees it (Ready,
// cordon, taints, pod CIDR), Cordon / Uncordon / Drain (kubectl underneath), its pods,
// and on a master the control-plane components with the lease holders.

import { liveView } from '../../protocol/crashed';
import { useState } from 'react';
import type { ControllerManagerView, KubeletView, SchedulerView } from '../../protocol/kube-views';
import { apiserverOf, apiSummary, nodeNamed } from '../kube/api-view';
import { useLabApi } from '../lab';
import { useLab } from '../store/store';
import { networkStore } from '../network/network-store';
import { NodeRoutes } from '../network/NodeRoutes';
import { ClientRates } from './ClientRates';

/** The runtime's states in the words kubectl uses for them. */
const STATE_TEXT: Record<string, string> = { 'pull-error': 'ErrImagePull', 'pull-backoff': 'ImagePullBackOff', backoff: 'CrashLoopBackOff' };

export function NodeInspector({ name }: { name: string }) {
  const lab = useLabApi();
  const node = useLab((s) => nodeNamed(apiSummary(s.machines).nodes, name));
  const pods = useLab((s) => apiSummary(s.machines).pods);
  const machine = useLab((s) => s.machines[name]);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!machine || (machine.kind !== 'master' && machine.kind !== 'worker')) return null;
  const run = async (line: string) => {
    setBusy(true);
    setAnswer({ ok: true, text: `$ ${line}` });
    const r = await lab.request({ type: 'console', line });
    setBusy(false);
    setAnswer(r.ok ? { ok: true, text: r.output } : { ok: false, text: r.error });
  };
  const p = machine.processes ?? {};
  const api = apiserverOf(machine);
  const sched = liveView<SchedulerView>(p['kube-scheduler']);
  const cm = liveView<ControllerManagerView>(p['kube-controller-manager']);
  const kubelet = liveView<KubeletView>(p['kubelet']);
  const mine = pods.filter((x) => x.node === name);
  return (
    <div className="node-inspector" data-testid="node-inspector">
      <h3>node {name}</h3>
      {node ? (
        <ul className="kube-facts">
          <li>Ready: <b>{node.ready}</b>{node.unschedulable && <b> · SchedulingDisabled (cordoned)</b>}</li>
          <li>taints: {node.taints.length > 0 ? node.taints.join(', ') : 'none'}</li>
          <li>pod CIDR: {node.podCIDR || '—'}{Object.keys(node.labels).filter((k) => !k.includes('kubernetes.io')).map((k) => ` · ${k}=${node.labels[k]}`).join('')}</li>
        </ul>
      ) : (
        <p className="muted">Not registered with the API yet.</p>
      )}
      <div className="node-actions">
        <button type="button" data-testid={`cordon-${name}`} disabled={busy || !node || node.unschedulable} onClick={() => void run(`kubectl cordon ${name}`)}>Cordon</button>
        <button type="button" data-testid={`uncordon-${name}`} disabled={busy || !node || !node.unschedulable} onClick={() => void run(`kubectl uncordon ${name}`)}>Uncordon</button>
        <button type="button" data-testid={`drain-${name}`} disabled={busy || !node} onClick={() => void run(`kubectl drain ${name} --ignore-daemonsets --force`)}>Drain</button>
      </div>
      {answer && <pre className={`workload-answer ${answer.ok ? 'ok' : 'err'}`} data-testid="node-answer" tabIndex={0} role="status" aria-label="answer">{answer.text}</pre>}
      {machine.kind === 'master' && machine.status === 'up' && (
        <ul className="kube-facts">
          <li>kube-apiserver: {api ? `${api.ready ? 'ready' : 'NOT ready'} · revision ${api.revision} · ${api.objects} objects · ${api.watchers} watches · etcd at ${api.etcdEndpoint}` : '—'}</li>
          <li>kube-scheduler: {sched ? (sched.election.leader ? '♛ leader' : `standby (leader: ${sched.election.holder || 'unknown'})`) : '—'}{sched ? ` · ${sched.pending} pending` : ''}</li>
          <li>kube-controller-manager: {cm ? (cm.election.leader ? '♛ leader' : `standby (leader: ${cm.election.holder || 'unknown'})`) : '—'}</li>
        </ul>
      )}
      {machine.status === 'up' && <ClientRates processes={p} />}
      {node && <NodeRoutes node={name} />}
      <table className="member-log-table">
        <caption>pods on {name} (as the API says{kubelet ? '; containers as its kubelet says' : ''})</caption>
        <thead>
          <tr><th>pod</th><th>phase</th><th>containers</th></tr>
        </thead>
        <tbody>
          {mine.length === 0 && <tr><td colSpan={3} className="muted">none</td></tr>}
          {mine.map((x) => {
            const local = kubelet?.pods.find((k) => k.name === x.name && k.namespace === x.namespace);
            return (
              <tr key={`${x.namespace}/${x.name}`}>
                <td>
                  <button type="button" className="pod-link" data-testid={`inspect-pod-${x.namespace}-${x.name}`} title="show this pod: its IP, and why the scheduler put it here" onClick={() => networkStore.getState().selectPod(`${x.namespace}/${x.name}`)}>
                    {x.namespace === 'default' ? x.name : `${x.namespace}/${x.name}`}
                  </button>
                </td>
                <td>{x.terminating ? 'Terminating' : x.phase}{x.reason ? ` (${x.reason})` : ''}</td>
                <td>{local ? local.containers.map((c) => `${c.name}: ${STATE_TEXT[c.state] ?? c.state}${c.restarts ? ` ×${c.restarts}` : ''}`).join(', ') : machine.status === 'down' ? 'machine down' : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
