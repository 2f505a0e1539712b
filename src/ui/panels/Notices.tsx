// Messages for the learner: a bad URL parameter (with what was expected), a worker
// that failed. Each can be dismissed; the page keeps running.

import { labStore, useLab } from '../store/store';

export function Notices() {
  const notices = useLab((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} data-testid="notice">
          <span className="notice-icon" aria-hidden="true">{n.kind === 'error' ? '⚠' : 'ℹ'}</span>
          <span className="notice-text">
            {n.kind === 'param' ? 'URL parameter ' : ''}
            {n.text}
            {n.kind === 'param' ? ' — using the default.' : ''}
          </span>
          <button type="button" className="notice-dismiss" data-testid="notice-dismiss" onClick={() => labStore.getState().dismiss(n.id)} aria-label="dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
