// The selected pod: where it runs, its IP, and why the scheduler put it there. Two
// tables as the scheduling framework's two phases: filtering (every node, each filter
// plugin's verdict, the reason of the one that rejected it) and scoring (the nodes that
// passed, each score plugin's 0–100 and the weighted total), the node chosen marked in
// both. An unschedulable pod shows the same tables under its FitError message.

import { Fragment, memo, useMemo } from 'react';
import { apiSummary, type PodSummary } from '../kube/api-view';
import { useLab } from '../store/store';
import { networkStore, useNetwork } from './network-store';
import { filterCells, podKey, whyScheduled, type WhyAnswer } from './why';

/** Short column heads; the full plugin name is the abbreviation's title. */
const SHORT: Readonly<Record<string, string>> = {
  NodeUnschedulable: 'Unsch', NodeName: 'Name', TaintToleration: 'Taint', NodeAffinity: 'Aff', NodeResourcesFit: 'Fit',
  NodeResourcesBalancedAllocation: 'Bal', PodTopologySpread: 'Spread', InterPodAffinity: 'PodAff', ImageLocality: 'Image',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function PodInspector() {
  const key = useNetwork((s) => s.pod);
  const pod = useLab((s) => (key ? apiSummary(s.machines).pods.find((p) => podKey(p) === key) : undefined));
  if (!key) return null;
  return (
    <section className="panel pod-inspector" aria-label={`pod ${key}`} data-testid="pod-inspector" data-pod={key}>
      <h2>
        pod {key.startsWith('default/') ? key.slice(8) : key}
        <button type="button" className="close" onClick={() => networkStore.getState().selectPod(null)} aria-label="close pod inspector">✕</button>
      </h2>
      {pod ? <PodBody pod={pod} /> : <p className="muted">The API no longer has this pod (deleted).</p>}
    </section>
  );
}

const PodBody = memo(function PodBody({ pod }: { pod: PodSummary }) {
  const machines = useLab((s) => s.machines);
  const why = useMemo(() => whyScheduled(machines, pod), [machines, pod]);
  return (
    <>
      <dl className="pod-facts">
        <dt>status</dt><dd>{pod.terminating ? 'Terminating' : pod.phase}{pod.reason && !pod.reason.startsWith('0/') ? ` (${pod.reason})` : ''}</dd>
        <dt>node</dt><dd>{pod.node || '<none>'}</dd>
        <dt>IP</dt><dd data-testid="pod-ip">{pod.ip ?? '<none>'}</dd>
        {pod.owner && <><dt>owner</dt><dd>{pod.owner}</dd></>}
      </dl>
      <Why why={why} pod={pod} />
    </>
  );
});

/** Views arrive as new objects every frame: the tables redraw only when the decision
 * (its time), its author, the note or the pod's node changes. */
function sameWhy(a: { why: WhyAnswer; pod: PodSummary }, b: { why: WhyAnswer; pod: PodSummary }): boolean {
  return a.why.decision?.atMs === b.why.decision?.atMs && a.why.decision?.pod === b.why.decision?.pod && a.why.by === b.why.by
    && a.why.leader === b.why.leader && a.why.note === b.why.note && a.pod.node === b.pod.node;
}

const Why = memo(function Why({ why, pod }: { why: WhyAnswer; pod: PodSummary }) {
  const d = why.decision;
  return (
    <div className="why-block" data-testid="why">
      <h3>Why {d?.node ? d.node : pod.node && !d ? pod.node : 'no node'}?</h3>
      {why.note && <p className="muted" data-testid="why-note">{why.note}</p>}
      {d && (
        <>
          <p className="muted">
            kube-scheduler on {why.by} at {seconds(d.atMs)}: {d.node ? <>bound to <b>{d.node}</b>, the highest weighted total{ties(d) > 1 ? ` (${ties(d)} nodes tied; it picked one at random, as selectHost does)` : ''}.</> : 'no node passed the filters.'}
          </p>
          {d.message && <p className="fit-error" data-testid="fit-error">{d.message}</p>}
          {/* A scrolling region is a tab stop, so a keyboard can scroll it (axe: scrollable-region-focusable). */}
          <div className="why-scroll" tabIndex={0} role="region" aria-label="the scheduler's filter and score tables">
            <FilterTable why={why} />
            <ScoreTable why={why} />
          </div>
        </>
      )}
    </div>
  );
}, sameWhy);

function ties(d: NonNullable<WhyAnswer['decision']>): number {
  const best = Math.max(...d.rows.map((r) => r.total ?? -1));
  return d.rows.filter((r) => r.total === best).length;
}

function FilterTable({ why }: { why: WhyAnswer }) {
  const d = why.decision!;
  return (
    <table className="why" data-testid="why-filter">
      <caption>1 · Filter: every node, plugins in order (✓ passed, ✗ rejected, – not run)</caption>
      <thead>
        <tr>
          <th scope="col">node</th>
          {why.filterPlugins.map((p) => <th key={p} scope="col"><abbr title={p}>{SHORT[p] ?? p}</abbr></th>)}
          <th scope="col">verdict</th>
        </tr>
      </thead>
      <tbody>
        {d.rows.map((r) => {
          const cells = filterCells(why.filterPlugins, r.failed);
          const chosen = r.node === d.node;
          const failedAt = cells.find((c) => c.verdict === 'fail');
          return (
            <Fragment key={r.node}>
              <tr className={`${chosen ? 'chosen' : ''}${failedAt ? ' has-reason' : ''}`} data-testid={`why-row-${r.node}`} data-chosen={chosen} data-verdict={r.failed ? 'rejected' : 'passed'}>
                <th scope="row">{chosen ? '★ ' : ''}{r.node}</th>
                {cells.map((c) => (
                  <td key={c.plugin} className={`v ${c.verdict === 'pass' ? 'pass' : c.verdict === 'fail' ? 'fail' : 'skip'}`} title={`${c.plugin}: ${c.verdict === 'fail' ? `${c.status} — ${c.reasons?.join(', ')}` : c.verdict}`}>
                    {c.verdict === 'pass' ? '✓' : c.verdict === 'fail' ? '✗' : '–'}
                  </td>
                ))}
                <td className="verdict">{r.failed ? 'rejected' : chosen ? 'chosen' : 'fits'}</td>
              </tr>
              {failedAt && (
                <tr className="why-reason" data-testid={`why-reason-${r.node}`}>
                  <td colSpan={cells.length + 2}>{failedAt.plugin}: {r.failed!.reasons.join(', ')}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function ScoreTable({ why }: { why: WhyAnswer }) {
  const d = why.decision!;
  const scored = d.rows.filter((r) => r.total !== undefined).slice().sort((a, b) => b.total! - a.total! || a.node.localeCompare(b.node));
  if (scored.length === 0) return null;
  return (
    <table className="why" data-testid="why-score">
      <caption>2 · Score: the nodes that passed, each plugin 0–100 × its weight</caption>
      <thead>
        <tr>
          <th scope="col">node</th>
          {why.scorePlugins.map((p) => <th key={p.name} scope="col" className="num"><abbr title={`${p.name}, weight ${p.weight}`}>{SHORT[p.name] ?? p.name} ×{p.weight}</abbr></th>)}
          <th scope="col" className="num">total</th>
        </tr>
      </thead>
      <tbody>
        {scored.map((r) => {
          const chosen = r.node === d.node;
          return (
            <tr key={r.node} className={chosen ? 'chosen' : ''} data-testid={`why-score-${r.node}`} data-chosen={chosen}>
              <th scope="row">{chosen ? '★ ' : ''}{r.node}</th>
              {(r.scores ?? []).map((s, i) => {
                // A plugin whose PreScore skipped the pod did not run: a dash, not a 0.
                const plugin = why.scorePlugins[i]?.name;
                return d.skipped?.includes(plugin ?? '') ? <td key={i} className="num muted" title={`${plugin}: skipped (nothing to score for this pod)`}>–</td> : <td key={i} className="num">{s}</td>;
              })}
              <td className="num"><b>{r.total}</b></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
