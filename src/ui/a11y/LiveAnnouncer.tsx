// The polite live region: new event-log lines and newly failed checks go through the
// Announcer (announcer.ts), which lets at most one announcement out every few seconds.
// Outside React's render path, like the packet dots: a frame must not re-render this.

import { useEffect, useRef, useState } from 'react';
import { CHECK_LABELS } from '../panels/check-labels';
import { labStore } from '../store/store';
import { Announcer } from './announcer';

/** How often held lines are looked at, wall ms (the gap itself is the Announcer's). */
const POLL_MS = 500;

export function LiveAnnouncer() {
  const [said, setSaid] = useState<{ n: number; text: string }>({ n: 0, text: '' });
  const announcer = useRef(new Announcer());

  useEffect(() => {
    const a = announcer.current;
    let lastSeq = labStore.getState().log.at(-1)?.seq ?? 0;
    let failed = new Set<string>();
    const unsubscribe = labStore.subscribe((s, prev) => {
      if (s.log !== prev.log) {
        for (const line of s.log) {
          if (line.seq <= lastSeq) continue;
          a.offer(line);
          lastSeq = line.seq;
        }
      }
      if (s.verdict !== prev.verdict) {
        const now = new Set((s.verdict?.checks ?? []).filter((c) => c.ok === false).map((c) => c.name as string));
        for (const name of now) if (!failed.has(name)) a.offer({ text: `check failed: ${CHECK_LABELS[name] ?? name}`, kind: 'warning' });
        failed = now;
      }
    });
    const timer = window.setInterval(() => {
      const text = a.due(performance.now());
      if (text) setSaid((p) => ({ n: p.n + 1, text }));
    }, POLL_MS);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
    };
  }, []);

  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer" data-n={said.n}>
      {said.text}
    </div>
  );
}
