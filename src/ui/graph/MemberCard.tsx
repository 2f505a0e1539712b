// An etcd member as a card: name, role (leader: crown + thick border + colour),
// term, commit and applied index, and its last log entries (committed entries filled,
// uncommitted ones dashed).

import { memo } from 'react';
import type { EtcdMemberView } from '../../protocol/frames';
import { etcdViewOf, useLab, type LabState } from '../store/store';
import { memberNameOf, ROLE_LOOK, type ShownRole } from './roles';
import { ElectionTimer } from './ElectionTimer';
import { usePacedLab } from './paced';

/** How many log entries a card shows. */
const CARD_ENTRIES = 6;
/** Wall ms between two pictures of a member while the clock runs (paced.ts): its index
 * and log move with every write, a role or term change shows at once. */
export const MEMBER_PACE_MS = 100;

/** The member's live view, else the last one seen. */
const viewOn = (s: LabState, host: string): EtcdMemberView | undefined => etcdViewOf(s.machines[host]) ?? s.lastEtcd[host];
/** What must not wait for the pace: the roles, terms and membership drawn. */
const memberChanged = (a: EtcdMemberView | undefined, b: EtcdMemberView | undefined): boolean =>
  a?.member !== b?.member || a?.role !== b?.role || a?.term !== b?.term || a?.removed !== b?.removed || a?.learner !== b?.learner;

/** What a member's card shows, from the store: its live view, else the last one seen
 * (a dead member's card keeps its log), the role drawn and the member's name. Shared by
 * the card and presenter mode's one-line summary. */
export function useMemberPicture(host: string) {
  // Up with a live member: at once (a machine going down is drawn without waiting).
  const live = useLab((s) => s.machines[host]?.status === 'up' && etcdViewOf(s.machines[host]) !== undefined);
  const view = usePacedLab(host, viewOn, MEMBER_PACE_MS, memberChanged);
  const role: ShownRole = live && view ? view.role : 'down';
  return { view, role, look: ROLE_LOOK[role], member: memberNameOf(host, view) };
}

export const MemberCard = memo(function MemberCard({ host }: { host: string }) {
  const { view, role, look, member } = useMemberPicture(host);
  const entries = view ? view.log.slice(-CARD_ENTRIES) : [];
  if (view?.removed) {
    // Not a member any more: no etcd-<member> test id, so member counts leave it out.
    return (
      <div className="member role-removed" data-testid={`removed-${member}`} title={`${member} was removed from the cluster (etcdctl member remove) and stopped`}>
        <div className="member-head">
          <span className="member-name">{member}</span>
          <span className="role-badge">removed</span>
        </div>
        <p className="removed-note">removed from the cluster · the process stopped</p>
      </div>
    );
  }
  return (
    <div className={`member role-${role}`} data-testid={`etcd-${member}`} data-role={role} data-term={view?.term ?? 0} data-commit={view?.commit ?? 0} data-applied={view?.applied ?? 0}>
      <div className="member-head">
        <span className="member-name">{member}</span>
        <span className="role-badge">
          <span aria-hidden="true">{look.symbol}</span> {look.label}
        </span>
        {view?.learner && <span className="learner-badge" data-testid={`learner-${member}`} title="A learner replicates the log but does not vote or count for the quorum; promote it with etcdctl member promote">learner</span>}
      </div>
      <div className="member-stats">
        <span className="stat-term">term <b>{view?.term ?? '–'}</b></span>
        <span>commit <b>{view?.commit ?? '–'}</b></span>
        <span>applied <b>{view?.applied ?? '–'}</b></span>
      </div>
      <ElectionTimer host={host} member={member} role={role} />
      <div className="member-log" aria-label="last log entries">
        {(view?.snapshotIndex ?? 0) > 0 && (
          <span className="entry snapshot" title={`entries up to ${view!.snapshotIndex} are in a snapshot; the log was compacted before ${view!.firstIndex}`}>
            <span className="entry-id">snap</span>
            <span className="entry-text">≤{view!.snapshotIndex}</span>
          </span>
        )}
        {entries.length === 0 && <span className="log-empty">log empty</span>}
        {entries.map((e, place) => {
          const committed = view !== undefined && e.index <= view.commit;
          // Keyed by place, not by index: at 1× during a rollout the strip moves by six
          // entries or more between two pictures, and keyed by index every picture
          // removed six entries and inserted six new ones (each a new element to style
          // and lay out, 4 text nodes); by place the six spans stay and their texts change.
          return (
            <span key={place} className={`entry ${committed ? 'committed' : 'uncommitted'}`} title={`entry ${e.index}, term ${e.term}: ${e.text}${committed ? ' (committed)' : ' (not committed yet)'}`}>
              <span className="entry-id">{`${e.index}:${e.term}`}</span>
              <span className="entry-text">{e.text}</span>
            </span>
          );
        })}
      </div>
    </div>
  );
});
