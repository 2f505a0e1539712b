// Stands in for src/raft/testing/context-read-only.ts in the page's workers: a known bug
// kept for the swarm to find (member spec `inject`), which only `npm run chaos` and the
// tests (Node) ask for. Not lazy: the page never runs it.

export class ContextReadOnly {
  constructor() {
    throw new Error('injected bugs are for the swarm in Node (npm run chaos --inject), not the page');
  }
}

