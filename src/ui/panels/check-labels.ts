// What each live check means, in words: the verdict panel's rows and the screen
// reader's announcement of a failed check (a11y/LiveAnnouncer.tsx). A module of its own
// so the announcer, which is with the page from the start, does not bring the verdict
// panel, a lazy chunk (src/ui/lazy-parts.tsx).

export const CHECK_LABELS: Record<string, string> = {
  'election-safety': 'at most one leader per term',
  'term-monotonic': 'terms never go back',
  'state-machine-safety': 'same entry at each index everywhere',
  'apply-order': 'entries applied in order, once',
  'log-terms': 'committed log terms never decrease',
  'kv-history': 'well-formed KV history',
  linearizability: 'linearizable KV history',
  'no-acked-write-lost': 'no acknowledged write lost',
  'pod-bound-once': 'no pod bound twice',
  'no-process-crash': 'no process crashed',
};
