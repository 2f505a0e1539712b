// The live verdict in the coordinator's own thread: what VerdictFeed falls back to when
// its host gives no `createChecker` (Node: tests, `npm run sim`). The page's coordinator
// always gives one (the verdict's worker), so its build points this module at
// lazy/inline-checker.ts (vite.config.ts) and the checkers stay out of the coordinator's
// worker, which the page fetches before the first leader is drawn (issue 14).

export { InlineChecker } from '../check/live-verdict';
