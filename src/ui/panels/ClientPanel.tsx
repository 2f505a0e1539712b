// The UI's own etcd client: put and get a key, optionally asking one member, so a
// student can read from each member and see etcd's errors when there is no quorum.

import { useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { memberHosts } from '../graph/layout';
import { useLabApi } from '../lab';
import { etcdViewOf, labStore, useLab } from '../store/store';

interface Answer {
  readonly n: number;
  readonly ask: string;
  readonly ok: boolean;
  readonly text: string;
}

function hostsOf(s: ReturnType<typeof labStore.getState>): string[] {
  return memberHosts(s.machineNames.map((n) => ({ name: n, kind: s.machines[n]!.kind }))).map((m) => m.name);
}

export function ClientPanel() {
  const lab = useLabApi();
  const hosts = useLab(useShallow(hostsOf));
  const live = useLab((s) => hostsOf(s).filter((h) => etcdViewOf(s.machines[h])).length);
  const [key, setKey] = useState('greeting');
  const [value, setValue] = useState('hello');
  const [endpoint, setEndpoint] = useState('');
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<readonly Answer[]>([]);
  const quorum = Math.floor(hosts.length / 2) + 1;
  const noQuorum = hosts.length > 0 && live < quorum;
  const last = answers[0];
  const errorHint = last && !last.ok && /no leader|timed out|leader changed/.test(last.text);

  const run = async (f: 'put' | 'get') => {
    if (busy || key === '') return;
    setBusy(true);
    const via = endpoint ? ` via ${endpoint}` : '';
    const ask = f === 'put' ? `put ${key}=${value}${via}` : `get ${key}${via}`;
    const r = await lab.request({ type: 'kv', f, key, ...(f === 'put' ? { value } : {}), ...(endpoint ? { endpoint } : {}) });
    const text = r.ok ? (f === 'get' ? (r.output === '' ? '(no such key)' : r.output.split('\n').slice(1).join('\n')) : r.output) : r.error;
    setAnswers((a) => [{ n: (a[0]?.n ?? 0) + 1, ask, ok: r.ok, text }, ...a].slice(0, 6));
    // The event log already tells this request's story from the trace (asked,
    // committed, answered), at sim time; the panel keeps the short answer list.
    setBusy(false);
  };

  return (
    <section className="client-panel panel" aria-label="etcd client">
      <h2>Your etcd client</h2>
      <form className="kv-form" onSubmit={(e) => e.preventDefault()}>
        <label>key <input data-testid="kv-key" value={key} onChange={(e) => setKey(e.target.value.trim())} size={10} /></label>
        <label>value <input data-testid="kv-value" value={value} onChange={(e) => setValue(e.target.value)} size={10} /></label>
        <label>
          ask
          <select data-testid="kv-endpoint" value={endpoint} onChange={(e) => setEndpoint(e.target.value)}>
            <option value="">any member</option>
            {hosts.map((h) => (
              <option key={h} value={h}>{h}</option>
            ))}
          </select>
        </label>
        <div className="kv-buttons">
          <button type="button" data-testid="kv-put" disabled={busy} onClick={() => void run('put')}>Put</button>
          <button type="button" data-testid="kv-get" disabled={busy} onClick={() => void run('get')}>Get</button>
          {busy && <span className="muted">waiting for etcd…</span>}
        </div>
      </form>
      <div className="kv-result" data-testid="kv-result" data-ok={last ? String(last.ok) : undefined} data-n={last?.n ?? 0} aria-live="polite">
        {last ? (
          <>
            <span className="kv-ask">{last.ask}</span> → <b className={last.ok ? 'ok' : 'err'}>{last.text}</b>
          </>
        ) : (
          <span className="muted">Put a key, then get it from each member.</span>
        )}
      </div>
      {answers.length > 1 && (
        <ul className="kv-history">
          {answers.slice(1).map((a) => (
            <li key={a.n} className={a.ok ? 'ok' : 'err'}>{a.ask} → {a.text}</li>
          ))}
        </ul>
      )}
      {(noQuorum || errorHint) && (
        <p className="hint" data-testid="quorum-hint">
          ⚠ {live} of {hosts.length} members are up; etcd needs a majority ({quorum}) to elect a leader and commit anything. Restart a
          member to get a quorum back.
        </p>
      )}
    </section>
  );
}
