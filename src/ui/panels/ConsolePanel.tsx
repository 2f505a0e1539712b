// A console line (etcdctl … / kubectl …), sent as {type:'console'} and its reply printed.

import { useRef, useState } from 'react';
import { useLabApi } from '../lab';

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

  const run = async (line: string) => {
    if (line.trim() === '') return;
    history.current.push(line);
    push(`$ ${line}`, 'cmd');
    const r = await lab.request({ type: 'console', line });
    if (r.ok) push(r.output === '' ? '(no output)' : r.output, 'out');
    else push(`Error: ${r.error}`, 'err');
  };

  return (
    <section className="console panel" aria-label="console">
      <h2>Console</h2>
      <pre className="console-output" data-testid="console-output" ref={out}>
        {lines.length === 0 && <span className="muted">etcdctl put k v · etcdctl get k · etcdctl endpoint status</span>}
        {lines.map((l) => (
          <span key={l.n} className={`console-${l.kind}`}>{l.text}{'\n'}</span>
        ))}
      </pre>
      <input
        className="console-input"
        data-testid="console-input"
        placeholder="etcdctl … (Enter)"
        value={input}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            void run(input);
            setInput('');
          } else if (e.key === 'ArrowUp' && history.current.length > 0) {
            setInput(history.current[history.current.length - 1]!);
          }
        }}
      />
    </section>
  );
}
