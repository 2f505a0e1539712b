// The selected machine: kill / restart / isolate / heal, and for an etcd member its
// recent log with the commit and applied marks and, on a leader, per-follower progress.

import { useShallow } from 'zustand/shallow';
import type { EtcdMemberView } from '../../protocol/frames';
import { entryText } from '../narrate';
import { memberNameOf, ROLE_LOOK, shownRole } from '../graph/roles';
import { useLabApi } from '../lab';
import { etcdViewOf, labStore, useLab } from '../store/store';
import { useTeach } from '../teach/teach-store';
import { NodeInspector } from './NodeInspector';
import { CARD_KEYS, focusMachine, focusSoon } from '../a11y/graph-keys';
import { CloudInspector, TerminateButton } from '../kube/CloudParts';

function Progress({ view }: { view: EtcdMemberView }) {
  const progress = view.progress;
  if (view.role !== 'leader') return null;
  if (!progress || Object.keys(progress).length === 0) {
    return <p className="muted">This leader does not report per-follower progress.</p>;
  }
  return (
    <table className="progress" data-testid="leader-progress">
      <caption>how far each follower's log matches the leader's (last index {view.lastIndex})</caption>
      <thead>
        <tr><th>follower</th><th>match</th><th>next</th><th>state</th><th aria-label="bar" /></tr>
      </thead>
      <tbody>
        {Object.entries(progress).sort(([a], [b]) => a.localeCompare(b)).map(([name, p]) => (
          <tr key={name}>
            <td>{name}</td>
            <td>{p.match}</td>
            <td>{p.next}</td>
            <td>{p.state}</td>
            <td className="bar-cell">
              <span className="bar"><span style={{ width: `${view.lastIndex ? Math.round((100 * p.match) / view.lastIndex) : 100}%` }} /></span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MemberLog({ view }: { view: EtcdMemberView }) {
  const entries = view.log.slice().reverse();
  return (
    <table className="member-log-table" data-testid="inspector-log">
      <caption>recent log (newest first)</caption>
      <thead>
        <tr><th>index</th><th>term</th><th>entry</th><th>state</th></tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.index} className={e.index <= view.commit ? 'committed' : 'uncommitted'}>
            <td>{e.index}</td>
            <td>{e.term}</td>
            <td>{entryText(e.text)}</td>
            <td>
              {e.index <= view.applied ? 'applied' : e.index <= view.commit ? 'committed' : 'not committed'}
              {(e.index === view.commit || e.index === view.applied) && (
                <span className="mark"> ◀ {[e.index === view.commit ? 'commit' : '', e.index === view.applied ? 'applied' : ''].filter(Boolean).join(' + ')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Closes the inspector and puts the keyboard back on the machine it showed. */
function closeAndReturn(name: string): void {
  labStore.getState().select(null);
  focusMachine(name);
}

export function Inspector() {
  const lab = useLabApi();
  const selected = useLab((s) => s.selected);
  const machine = useLab((s) => (selected ? s.machines[selected] : undefined));
  const last = useLab((s) => (selected ? s.lastEtcd[selected] : undefined));
  // Presenter mode puts these buttons on the selected card (teach/CardActions).
  const presenting = useTeach((s) => s.presenting);
  const cutCount = useLab(useShallow((s) => (selected ? s.cut.filter((c) => c.startsWith(`${selected}>`) || c.endsWith(`>${selected}`)).length : 0)));
  if (!selected || !machine) {
    return (
      <section className="inspector panel" aria-label="inspector">
        <h2>Inspector</h2>
        <p className="muted">Click a machine in the picture to kill, restart or isolate it, cordon or drain a node, and see its etcd member's log.</p>
      </section>
    );
  }
  const live = etcdViewOf(machine);
  const view = live ?? last;
  const role = shownRole(machine, live);
  const name = machine.name;
  const down = machine.status === 'down';
  return (
    <section
      className="inspector panel"
      aria-label={`inspector: ${name}`}
      data-testid="inspector"
      // Enter on a machine card brings focus here; Escape hands it back to the card.
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        closeAndReturn(name);
      }}
    >
      <h2>
        {name} <span className={`machine-status ${machine.status}`}>{down ? 'DOWN' : 'up'}</span>
        <button type="button" className="close" onClick={() => closeAndReturn(name)} aria-label="close inspector (Escape)">✕</button>
      </h2>
      <p className="key-hint" data-testid="key-hint">On a machine card: {CARD_KEYS}. Escape closes.</p>
      {!presenting && <div className="actions">
        <button type="button" className="danger" data-testid={`kill-${name}`} disabled={down} onClick={() => {
          lab.send({ type: 'kill', machine: name });
          focusSoon(`restart-${name}`);
        }}>
          ✕ Kill
        </button>
        <button type="button" data-testid={`restart-${name}`} onClick={() => lab.send({ type: 'restart', machine: name })}>
          ⟳ {down ? 'Boot' : 'Restart'}
        </button>
        <button type="button" data-testid={`isolate-${name}`} disabled={down || cutCount > 0} onClick={() => {
          lab.send({ type: 'isolate', machine: name });
          focusSoon(`heal-${name}`);
        }}>
          ⊘ Isolate
        </button>
        <button type="button" data-testid={`heal-${name}`} disabled={cutCount === 0} onClick={() => {
          lab.send({ type: 'heal', machine: name });
          focusSoon(`isolate-${name}`);
        }}>
          ✚ Heal
        </button>
        <TerminateButton name={name} />
      </div>}
      <NodeInspector name={name} />
      {machine.kind === 'cloud' && <CloudInspector name={name} />}
      {view && (
        <>
          <dl className="member-facts">
            <dt>member</dt><dd>{memberNameOf(name, view)} {role !== 'follower' && <b>{ROLE_LOOK[role].symbol} {ROLE_LOOK[role].label}</b>}{role === 'follower' && 'follower'}</dd>
            <dt>term</dt><dd>{view.term}</dd>
            <dt>voted for</dt><dd>{view.vote ?? '—'}</dd>
            <dt>leader</dt><dd>{view.leader ?? 'unknown'}</dd>
            <dt>commit / applied</dt><dd>{view.commit} / {view.applied}</dd>
            <dt>log</dt><dd>{view.firstIndex}…{view.lastIndex}{(view.snapshotIndex ?? 0) > 0 && ` · snapshot ≤ ${view.snapshotIndex}`}</dd>
            <dt>keys · revision</dt><dd>{view.keys} · {view.revision}</dd>
          </dl>
          {down && <p className="muted">Last known state before it went down; its term, vote and log are on its disk.</p>}
          <MemberLog view={view} />
          <Progress view={view} />
        </>
      )}
    </section>
  );
}
