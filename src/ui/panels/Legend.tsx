// What the dots, the role badges and the log boxes mean: one strip above the graph.

import { PACKET_STYLES, type PacketClass } from '../graph/packetKinds';
import { ROLE_LOOK } from '../graph/roles';

const SHOWN: readonly PacketClass[] = ['append', 'heartbeat', 'vote', 'prevote', 'response', 'request', 'reply', 'kube', 'watch'];
const SHORT: Readonly<Record<PacketClass, string>> = {
  append: 'append', heartbeat: 'heartbeat', vote: 'vote', prevote: 'pre-vote', response: 'raft reply',
  request: 'etcd request', reply: 'etcd reply', kube: 'API call', watch: 'watch', other: 'other',
};

export function Legend() {
  return (
    <div className="legend" aria-label="legend" data-testid="legend">
      <span className="legend-title">messages</span>
      {SHOWN.map((c) => (
        <span key={c} className="legend-item" title={PACKET_STYLES[c].label}>
          <svg width="18" height="18" viewBox="-10 -10 20 20" aria-hidden="true">
            <path d={PACKET_STYLES[c].shape} fill={PACKET_STYLES[c].color} stroke="#fff" strokeWidth="1.5" />
          </svg>
          {SHORT[c]}
        </span>
      ))}
      <span className="legend-title">roles</span>
      {(['leader', 'candidate', 'precandidate', 'follower', 'down'] as const).map((r) => (
        <span key={r} className={`legend-item legend-role role-${r}`}>
          <span className="role-chip" aria-hidden="true">{ROLE_LOOK[r].symbol}</span>
          {ROLE_LOOK[r].label.toLowerCase()}
        </span>
      ))}
      <span className="legend-title">log</span>
      <span className="legend-item"><span className="entry committed"><span className="entry-id">7:2</span></span>committed</span>
      <span className="legend-item"><span className="entry uncommitted"><span className="entry-id">8:2</span></span>not yet</span>
    </div>
  );
}
