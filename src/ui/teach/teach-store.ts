// The teaching layer's own state: presenter mode, its drawers and overlays, the log's
// filters and the key-event cursor, and the demo that the "Try this" card started.
// A small store of its own (not a slice of store.ts) because none of it comes from the
// simulation's frames, and it keeps the frame-merging store untouched by the UI modes.

import { createStore, useStore } from 'zustand';
import type { StoryKind } from './story';

export type Drawer = 'none' | 'side' | 'log';

export interface TeachState {
  /** Presenter mode: the graph full width, panels as drawers, larger text. */
  readonly presenting: boolean;
  /** Which drawer is open in presenter mode. */
  readonly drawer: Drawer;
  /** The console as a full-width overlay (presenter mode). */
  readonly consoleOverlay: boolean;
  /** The help card listing the keys. */
  readonly help: boolean;
  /** Log kinds the reader switched off. */
  readonly hiddenKinds: readonly StoryKind[];
  /** Show routine lines (lease renewals, readiness flaps, back-offs) too. */
  readonly showRoutine: boolean;
  /** The key event ← / → stepped to (a log line's seq), or null: follow the end. */
  readonly cursor: number | null;
  /** The "Try this" demo started last, while its story plays out. */
  readonly demo: string | null;
  /** The machine a lesson step asks about, ringed on the graph. */
  readonly highlight: string | null;
  /** The lesson picker is open. */
  readonly picker: boolean;
  readonly setPresenting: (on: boolean) => void;
  readonly setDrawer: (d: Drawer) => void;
  readonly setConsoleOverlay: (on: boolean) => void;
  readonly setHelp: (on: boolean) => void;
  readonly toggleKind: (k: StoryKind) => void;
  readonly setShowRoutine: (on: boolean) => void;
  readonly setCursor: (seq: number | null) => void;
  readonly setDemo: (id: string | null) => void;
  readonly setHighlight: (machine: string | null) => void;
  readonly setPicker: (open: boolean) => void;
}

export function createTeachStore(presenting = false) {
  return createStore<TeachState>()((set, get) => ({
    presenting,
    drawer: 'none',
    consoleOverlay: false,
    help: false,
    hiddenKinds: [],
    showRoutine: false,
    cursor: null,
    demo: null,
    highlight: null,
    picker: false,
    setPresenting: (on) => set({ presenting: on, drawer: 'none', consoleOverlay: false }),
    setDrawer: (drawer) => set({ drawer }),
    setConsoleOverlay: (consoleOverlay) => set({ consoleOverlay }),
    setHelp: (help) => set({ help }),
    toggleKind: (k) => {
      const hidden = get().hiddenKinds;
      set({ hiddenKinds: hidden.includes(k) ? hidden.filter((x) => x !== k) : [...hidden, k] });
    },
    setShowRoutine: (showRoutine) => set({ showRoutine }),
    setCursor: (cursor) => set({ cursor }),
    setDemo: (demo) => set({ demo }),
    setHighlight: (highlight) => set({ highlight }),
    setPicker: (picker) => set({ picker }),
  }));
}

export type TeachStore = ReturnType<typeof createTeachStore>;

/** The page's teaching state (main.tsx turns presenter mode on for `?present=1`). */
export const teachStore = createTeachStore();

export function useTeach<T>(selector: (s: TeachState) => T): T {
  return useStore(teachStore, selector);
}
