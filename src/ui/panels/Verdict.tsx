// The chaos switch and the live verdict: while the nemesis runs, every Raft invariant,
// the operations checked and whether the KV history is linearizable; when it is not,
// the offending operation and those concurrent with it on a small timeline.

import { useLabApi } from '../lab';
import { useLab } from '../store/store';
import type { Verdict, VerdictOp } from '../../protocol/verdict';
import { CHECK_LABELS } from './check-labels';

export { CHECK_LABELS };

export function ChaosToggle() {
  const lab = useLabApi();
  const on = useLab((s) => s.chaos);
  return (
    <button
      type="button"
      className={`chaos-toggle ${on ? 'on' : ''}`}
      data-testid="chaos-toggle"
      aria-pressed={on}
      title={on
        ? 'Stop chaos: heal every partition, restore the network and boot what is down, then watch the cluster recover'
        : 'Chaos: every few seconds crash or restart a machine (never more etcd members than a quorum can lose), partition the network, drop some messages; a KV workload runs and every check watches'}
      onClick={() => lab.send({ type: 'chaos', on: !on })}
    >
      {on ? '⚡ chaos on' : '⚡ chaos'}
    </button>
  );
}

function mark(ok: boolean | 'unknown'): string {
  return ok === true ? '✔' : ok === false ? '✘' : '?';
}

export function VerdictPanel() {
  const verdict = useLab((s) => s.verdict);
  const chaos = useLab((s) => s.chaos);
  if (!verdict && !chaos) return null;
  return (
    <section className="panel verdict" data-testid="verdict" data-ok={verdict ? String(verdict.ok) : undefined} data-linearizable={verdict ? String(verdict.linearizable) : undefined} aria-label="live verdict">
      <h2>
        Verdict {chaos && <span className="chaos-live">chaos running</span>}
      </h2>
      {!verdict ? (
        <p className="muted">Checking the first seconds…</p>
      ) : (
        <>
          <p className={`verdict-headline ${verdict.ok ? 'ok' : 'bad'}`} data-testid="verdict-headline">
            {verdict.ok ? '✔ every check holds' : '✘ a check failed'} · {verdict.opsChecked} KV operations checked ·{' '}
            {verdict.linearizable === true ? 'linearizable' : verdict.linearizable === false ? 'NOT linearizable' : 'linearizability undecided'} · at {(verdict.at / 1000).toFixed(1)} s
          </p>
          <ul className="checks">
            {verdict.checks.map((c) => (
              <li key={c.name} className={c.ok === true ? 'ok' : c.ok === false ? 'bad' : 'unknown'} data-testid={`check-${c.name}`} data-ok={String(c.ok)} title={c.detail}>
                <span aria-hidden="true">{mark(c.ok)}</span> {CHECK_LABELS[c.name] ?? c.name}
                {c.ok === false && <div className="detail">{c.detail}</div>}
              </li>
            ))}
          </ul>
          {verdict.failure && <Timeline verdict={verdict} />}
        </>
      )}
    </section>
  );
}

/** The offending operation (red) and its neighbours as bars from invoke to return; an
 * op with no answer runs off the right edge (it may take effect at any later time). */
function Timeline({ verdict }: { verdict: Verdict }) {
  const f = verdict.failure!;
  const ops = f.ops;
  const t0 = Math.min(...ops.map((o) => o.invokeT));
  const t1 = Math.max(...ops.map((o) => o.returnT ?? o.invokeT), t0 + 1);
  const span = (t1 - t0) * 1.15;
  const rowH = 18;
  const width = 320;
  const x = (t: number) => ((t - t0) / span) * width;
  return (
    <figure className="timeline" data-testid="verdict-timeline">
      <figcaption>
        key <code>{f.key}</code>: {f.message}
      </figcaption>
      <svg width={width} height={ops.length * rowH + 16} role="img" aria-label={`the operations around the failure on key ${f.key}`}>
        {ops.map((o: VerdictOp, i) => {
          const a = x(o.invokeT);
          const b = o.returnT === null ? width : Math.max(a + 3, x(o.returnT));
          const y = i * rowH + 4;
          return (
            <g key={`${o.process}-${o.invokeT}-${i}`} className={o.offending ? 'offending' : ''}>
              <rect x={a} y={y} width={b - a} height={rowH - 6} rx={3} fill={o.offending ? '#c0392b' : o.returnT === null ? '#b9a34a' : '#5b7fa6'} opacity={0.85} />
              <text x={Math.min(a + 3, width - 150)} y={y + rowH - 9} fontSize={11} fill="#111">
                {o.process}: {o.label}
              </text>
            </g>
          );
        })}
        <text x={0} y={ops.length * rowH + 14} fontSize={10} fill="#555">{(t0 / 1000).toFixed(2)} s</text>
        <text x={width} y={ops.length * rowH + 14} fontSize={10} fill="#555" textAnchor="end">{(t1 / 1000).toFixed(2)} s</text>
      </svg>
    </figure>
  );
}
