// The header's presenter-mode switch (also `?present=1` and the p key).

import { teachStore, useTeach } from './teach-store';

export function PresentToggle() {
  const on = useTeach((s) => s.presenting);
  return (
    <button
      type="button"
      className={`present-toggle${on ? ' on' : ''}`}
      data-testid="present"
      data-on={String(on)}
      aria-pressed={on}
      title="Presenter mode (p): the graph full width in large type, panels as drawers, key events as captions"
      onClick={() => teachStore.getState().setPresenting(!on)}
    >
      {on ? '▣ Presenting' : '▣ Present'}
    </button>
  );
}
