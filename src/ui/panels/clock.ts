// The sim clock as the page writes it ("12.3 s"). A module of its own so that the story
// log, the timeline and the captions can write times without importing the time
// controls, which are a lazy chunk with xstate (src/ui/lazy-parts.tsx).

export function formatClock(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
