// Lessons on etcd's data: an append-only history of revisions, read at any revision
// until it is compacted away.

import { consoleLine } from './catalog-scheduling';
import { answered, answersMatching, etcdLeaderHost, maxTerm, type Lesson, type LessonView } from './lesson';

const KEY = 'greeting';
const KEY_B64 = btoa(KEY);

/** What `etcdctl get greeting -w json` said last: the key's revisions and the store's. */
export function greetingRevisions(v: LessonView): { created: number; modified: number; version: number; store: number } | undefined {
  let found: { created: number; modified: number; version: number; store: number } | undefined;
  for (const text of answersMatching(v, /"kvs"/)) {
    try {
      const r = JSON.parse(text) as { header?: { revision?: number }; kvs?: { key?: string; create_revision?: number; mod_revision?: number; version?: number }[] };
      const kv = r.kvs?.find((k) => k.key === KEY_B64);
      if (!kv || typeof kv.create_revision !== 'number' || typeof kv.mod_revision !== 'number') continue;
      const seen = { created: kv.create_revision, modified: kv.mod_revision, version: kv.version ?? 0, store: r.header?.revision ?? kv.mod_revision };
      if (!found || seen.store > found.store) found = seen;
    } catch {
      // Not JSON after all (a value that contains "kvs"): not this answer.
    }
  }
  return found;
}

const okCount = (v: LessonView): number => answersMatching(v, /^OK$/).length;
/** The revision an `etcdctl compact` answer says it compacted to, the highest seen. */
const compactedTo = (v: LessonView): number => Math.max(0, ...answersMatching(v, /^compacted revision \d+$/).map((t) => Number(t.split(' ')[2])));

export const etcdHistory: Lesson = {
  id: 'etcd-history',
  title: 'etcd keeps history: revisions and compaction',
  topic: 'etcd appends, never overwrites: MVCC revisions, etcdctl get --rev, compaction',
  query: 'masters=3&workers=0&seed=3&profile=classroom',
  intro: 'etcd never changes data in place. Every write adds a new version of the key, stamped with a revision: one counter for the whole store. Old versions stay readable until someone compacts them away. (This lesson runs at most 5× faster than real time: kube-apiserver compacts every 5 minutes of cluster time.)',
  maxSpeed: 5,
  steps: [
    {
      id: 'put-hello',
      say: 'Write a key. The leader appends the write to its Raft log; once a majority stores it, the write gets the next revision.',
      ask: () => `Write a key in the console: etcdctl put ${KEY} hello`,
      begin: (v) => {
        const h = etcdLeaderHost(v);
        return h ? { target: h, term: maxTerm(v), count: okCount(v) } : undefined;
      },
      done: (v, b) => okCount(v) > (b.count ?? 0),
      showMe: () => [consoleLine(`etcdctl put ${KEY} hello`)],
    },
    {
      id: 'put-world',
      say: 'Overwrite it. etcd does not replace "hello": it appends "world" as a new version, at a new revision.',
      ask: () => `Change the value: etcdctl put ${KEY} world`,
      begin: (v, prev) => ({ target: prev?.target ?? '', term: maxTerm(v), count: okCount(v) }),
      done: (v, b) => okCount(v) > (b.count ?? 0),
      showMe: () => [consoleLine(`etcdctl put ${KEY} world`)],
    },
    {
      id: 'revisions',
      say: 'The revision counts every write in the store, Kubernetes’ own too (leases, node heartbeats). So it jumps between your two writes.',
      ask: () => `Look at the key’s revisions: etcdctl get ${KEY} -w json. create_revision is when "hello" was written, mod_revision when "world" was; version is 2.`,
      begin: (_v, prev) => prev,
      done: (v) => (greetingRevisions(v)?.version ?? 0) >= 2,
      showMe: () => [consoleLine(`etcdctl get ${KEY} -w json`)],
    },
    {
      id: 'read-past',
      say: 'Any revision still in the history can be read: etcd shows the store as it was then. Watches use this to replay what a client missed.',
      ask: (b) => `Read the past: etcdctl get ${KEY} --rev=${b.rev ?? 'N'} (the create_revision). It answers "hello".`,
      begin: (v, prev) => {
        const r = greetingRevisions(v);
        return r ? { target: prev?.target ?? '', term: maxTerm(v), rev: r.created, upTo: r.store } : undefined;
      },
      done: (v) => answered(v, new RegExp(`^${KEY}\\nhello$`)),
      showMe: (b) => [consoleLine(`etcdctl get ${KEY} --rev=${b.rev ?? 1}`)],
    },
    {
      id: 'compact',
      say: 'History costs disk and memory. Compaction drops every version older than a revision (only the newest version of each key is kept). kube-apiserver does it every 5 minutes (--etcd-compaction-interval).',
      ask: (b) => `Compact the history: etcdctl compact ${b.upTo ?? 'R'} (the store’s revision in the header).`,
      begin: (_v, prev) => prev,
      done: (v, b) => compactedTo(v) > (b.rev ?? 0),
      showMe: (b) => [consoleLine(`etcdctl compact ${b.upTo ?? 1}`)],
    },
    {
      id: 'compacted',
      say: 'The old version is gone. etcd refuses to read or watch below the compacted revision: a client that was that far behind must list everything again.',
      ask: (b) => `Try the past again: etcdctl get ${KEY} --rev=${b.rev ?? 'N'}. It fails: "required revision has been compacted".`,
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /required revision has been compacted/, false),
      showMe: (b) => [consoleLine(`etcdctl get ${KEY} --rev=${b.rev ?? 1}`)],
    },
  ],
  outro: 'Append, then compact: every write is a new revision, old ones are readable until compaction removes them. The newest value of every key always survives.',
};
