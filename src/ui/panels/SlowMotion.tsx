// Election slow motion (src/host/slow-motion.ts): the switch in the time controls, and
// the note by the clock while it slows the run, so nobody thinks the app froze.

import { useLabApi } from '../lab';
import { useLab } from '../store/store';

const WHY = { election: 'election', lease: 'lease hand-over' } as const;

export function SlowMotionToggle() {
  const lab = useLabApi();
  const on = useLab((s) => s.slowMotion?.on ?? false);
  return (
    <button
      type="button"
      className={`slow-motion-toggle${on ? ' on' : ''}`}
      data-testid="slow-motion"
      data-on={on}
      aria-pressed={on}
      title="Election slow motion: while an etcd member is pre-candidate or candidate the run crawls at 0.01×, and at 0.05× while the scheduler's or controller-manager's Lease is unheld; then back to the chosen speed. Not at max speed, nor while chaos runs."
      onClick={() => lab.send({ type: 'slow-motion', on: !on })}
    >
      slow-mo {on ? 'on' : 'off'}
    </button>
  );
}

export function SlowMotionNote() {
  const active = useLab((s) => s.slowMotion?.active);
  const speed = useLab((s) => s.slowMotion?.speed);
  if (!active) return null;
  return (
    <span className="slow-motion-note" data-testid="slow-motion-note" data-why={active} title="The run slowed down by itself for this moment; it goes back to the chosen speed when it is over">
      slow motion: {WHY[active]}{speed !== undefined ? ` · ${speed}×` : ''}
    </span>
  );
}
