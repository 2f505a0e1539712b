// What the graph draws, from the store: the machines' shape, their places (layout.ts),
// the lines (edges.ts). Shared by the first paint (FirstPaint.tsx, before React Flow has
// loaded) and React Flow's graph (Graph.tsx), so both put every card at the same place.

import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/shallow';
import type { MachineKind } from '../../protocol/frames';
import { graphFocus, readingOrder } from '../a11y/graph-keys';
import { useLab } from '../store/store';
import { useTeach } from '../teach/teach-store';
import { edgesFor } from './edges';
import { KUBE_SIZES, layout, PRESENTER_SIZES, type MachineRef } from './layout';

export function useGraphModel() {
  const shape = useLab(useShallow((s) => s.machineNames.map((n) => `${n}:${s.machines[n]?.kind ?? 'master'}:${s.machines[n]?.etcd ? 1 : 0}`)));
  const cut = useLab((s) => s.cut);
  const refs = useMemo<MachineRef[]>(() => shape.map((k) => {
    const [name, kind, etcd] = k.split(':') as [string, MachineKind, string];
    return { name, kind, etcd: etcd === '1' };
  }), [shape]);
  const presenting = useTeach((s) => s.presenting);
  const placed = useMemo(() => layout(refs, presenting ? PRESENTER_SIZES : KUBE_SIZES), [refs, presenting]);
  useEffect(() => graphFocus.setState({ order: readingOrder(Object.values(placed)) }), [placed]);
  const edges = useMemo(() => edgesFor(refs, placed, cut), [refs, placed, cut]);
  return { shape, refs, presenting, placed, edges };
}
