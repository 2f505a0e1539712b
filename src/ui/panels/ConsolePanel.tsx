// A console line (kubectl … / etcdctl …), sent as {type:'console'} and its reply printed.
// A paste whose first line is `kubectl apply -f -` sends the rest as the manifest (stdin),
// as do the docs' heredoc forms (src/shell/console-input.ts); Shift+Enter adds a line by hand.

import { useRef, useState } from 'react';
import { useLabApi } from '../lab';
import { labStore } from '../store/store';

interface Line {
  readonly n: number;
  readonly text: string;
  readonly kind: 'cmd' | 'out' | 'err';
}

export function ConsolePanel() {
  const lab = useLabApi();
  const [input, setInput] = useState('');
  const [lines, setLines] = useState<readonly Line[]>([]);
  const history = useRef<string[]>([]);
  const n = useRef(0);
  const out = useRef<HTMLPreElement>(null);

  const push = (text: string, kind: Line['kind']) => {
    setLines((ls) => [...ls, { n: ++n.current, text, kind }].slice(-200));
    requestAnimationFrame(() => {
      if (out.current) out.current.scrollTop = out.current.scrollHeight;
    });
  };

  const run = async (text: string) => {
    if (text.trim() === '') return;
    history.current.push(text);
    // The text goes as typed: the shell behind the console splits a heredoc or the
    // manifest below the command off as stdin (src/shell/console-input.ts).
    const [line = '', ...below] = text.trim().split('\n');
    push(`$ ${line}${below.length > 0 ? ` <<< (${below.filter((l) => l.trim() !== '').length} lines)` : ''}`, 'cmd');
    // The log tells what was typed, among what it caused (the console filter chip).
    labStore.getState().addLine(`you ran: ${line}`, 'kv');
    const r = await lab.request({ type: 'console', line: text });
    if (r.ok) push(r.output === '' ? '(no output)' : r.output, 'out');
    // Both tools' errors already read as they do in a terminal ("Error from server …").
    else push(r.error, 'err');
  };

  return (
    <section className="console panel" aria-label="console">
      <h2>Console</h2>
      <pre className="console-output" data-testid="console-output" ref={out} tabIndex={0} role="log" aria-label="console output">
        {lines.length === 0 && <span className="muted">kubectl get pods -o wide · kubectl get nodes · kubectl describe node worker-1 · etcdctl get /registry/pods --prefix --keys-only · etcdctl endpoint status -w table</span>}
        {lines.map((l) => (
          <span key={l.n} className={`console-${l.kind}`}>{l.text}{'\n'}</span>
        ))}
      </pre>
      <textarea
        className="console-input"
        aria-label="console: kubectl or etcdctl command"
        data-testid="console-input"
        placeholder="kubectl … / etcdctl … (Enter)"
        title="Enter runs the line; paste a manifest below a first line kubectl apply -f - to apply it; Shift+Enter adds a line"
        value={input}
        rows={Math.min(8, input.split('\n').length)}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void run(input);
            setInput('');
          } else if (e.key === 'ArrowUp' && history.current.length > 0 && !input.includes('\n')) {
            setInput(history.current[history.current.length - 1]!);
          }
        }}
      />
    </section>
  );
}
