// Presenter mode's few controls over the graph: the panels and the log as drawers, the
// console as a full-width overlay, the legend folded, and the keys' help.

import { Legend } from '../panels/Legend';
import { teachStore, useTeach, type Drawer } from './teach-store';

function DrawerButton({ drawer, label, testid }: { drawer: Drawer; label: string; testid: string }) {
  const open = useTeach((s) => s.drawer === drawer);
  return (
    <button type="button" data-testid={testid} aria-pressed={open} onClick={() => teachStore.getState().setDrawer(open ? 'none' : drawer)}>
      {label}
    </button>
  );
}

export function PresenterBar() {
  const overlay = useTeach((s) => s.consoleOverlay);
  return (
    <div className="presenter-bar" role="toolbar" aria-label="presenter">
      <DrawerButton drawer="side" label="☰ Panels" testid="drawer-side" />
      <DrawerButton drawer="log" label="≡ Log" testid="drawer-log" />
      <button type="button" data-testid="console-overlay" aria-pressed={overlay} onClick={() => teachStore.getState().setConsoleOverlay(!overlay)}>
        $ Console
      </button>
      <button type="button" data-testid="help" onClick={() => teachStore.getState().setHelp(!teachStore.getState().help)} aria-label="? keys">
        ? keys
      </button>
      <details className="legend-fold">
        <summary>legend</summary>
        <Legend />
      </details>
    </div>
  );
}

/** Closes the console overlay (it also closes with Esc). */
export function ConsoleOverlayClose() {
  const overlay = useTeach((s) => s.consoleOverlay);
  if (!overlay) return null;
  return (
    <button type="button" className="console-overlay-close" onClick={() => teachStore.getState().setConsoleOverlay(false)} aria-label="close the console overlay">
      ✕ close console
    </button>
  );
}
