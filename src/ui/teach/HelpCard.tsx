// The "?" card: the keys, in a dialog the reader closes with Esc or its button.

import { KEYS } from './Keys';
import { teachStore, useTeach } from './teach-store';

export function HelpCard() {
  const open = useTeach((s) => s.help);
  if (!open) return null;
  return (
    <div className="help-card" role="dialog" aria-modal="false" aria-label="keys" data-testid="help-card">
      <h2>
        Keys
        <button type="button" className="close" onClick={() => teachStore.getState().setHelp(false)} aria-label="close keys help">✕</button>
      </h2>
      <dl>
        {KEYS.map((k) => (
          <div key={k.key} className="help-row">
            <dt><kbd>{k.key}</kbd></dt>
            <dd>{k.what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Click a machine to select it; its card then carries kill, boot and isolate.</p>
    </div>
  );
}
