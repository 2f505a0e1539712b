// Tests that read views straight from the coordinator's frames: a frame leaves out the
// views of a machine marked `sameView`, and sends changed ones as `viewChanges`
// (src/coordinator/view-diff.ts), as the page's
// store fills them in from the frame before. This does the same, so a test can ask any
// frame for any machine's views.

import type { Frame, MachineState } from '../../protocol/frames';
import { applyViewChanges } from '../../protocol/view-patch';

/** Returns a function that gives each frame, in order, with every view filled in. */
export function fullFrames(): (f: Frame) => Frame {
  const had = new Map<string, MachineState>();
  return (f) => {
    const machines = f.machines.map((m) => {
      const before = had.get(m.name)?.processes;
      const full = m.sameView ? { ...m, processes: before } : m.viewChanges ? { ...m, processes: applyViewChanges(before ?? {}, m.viewChanges) } : m;
      had.set(m.name, full);
      return full;
    });
    return { ...f, machines };
  };
}
