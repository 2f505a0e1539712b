// Presenter mode: kill / boot / isolate / heal on the selected card itself, so the
// presenter never leaves the picture. They carry the contract's `kill-<machine>` …
// test ids (the inspector leaves its own out while presenting). Kill, Isolate and Heal
// hand the keyboard focus to their counterpart as they go (src/ui/a11y); Escape
// deselects and puts the focus back on the card.

import { useShallow } from 'zustand/shallow';
import { focusMachine, focusSoon } from '../a11y/graph-keys';
import { useLabApi } from '../lab';
import { labStore, useLab } from '../store/store';
import { TerminateButton } from '../lazy-parts';

/** Links cut to or from `machine`. */
export function cutLinks(cut: readonly string[], machine: string): number {
  return cut.filter((c) => c.startsWith(`${machine}>`) || c.endsWith(`>${machine}`)).length;
}

export function CardActions({ machine }: { machine: string }) {
  const lab = useLabApi();
  const down = useLab((s) => s.machines[machine]?.status !== 'up');
  const cut = useLab(useShallow((s) => cutLinks(s.cut, machine)));
  const stop = (e: React.SyntheticEvent) => e.stopPropagation();
  return (
    <div className="card-actions nodrag nopan" role="group" aria-label={`actions on ${machine}`} onClick={stop} onDoubleClick={stop}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        labStore.getState().select(null);
        focusMachine(machine);
      }}
    >
      <button type="button" className="danger" data-testid={`kill-${machine}`} disabled={down} onClick={() => {
        lab.send({ type: 'kill', machine });
        focusSoon(`restart-${machine}`);
      }}>✕ Kill</button>
      <button type="button" data-testid={`restart-${machine}`} onClick={() => lab.send({ type: 'restart', machine })}>⟳ {down ? 'Boot' : 'Restart'}</button>
      {cut === 0 ? (
        <button type="button" data-testid={`isolate-${machine}`} disabled={down} onClick={() => {
          lab.send({ type: 'isolate', machine });
          focusSoon(`heal-${machine}`);
        }}>⊘ Isolate</button>
      ) : (
        <button type="button" data-testid={`heal-${machine}`} onClick={() => {
          lab.send({ type: 'heal', machine });
          focusSoon(`isolate-${machine}`);
        }}>✚ Heal</button>
      )}
      <TerminateButton name={machine} />
    </div>
  );
}
