// Leaving the page for another cluster (the header's selectors, a demo that needs three
// masters, the dashboard's and the lessons' links). A module of its own so the header,
// which is with the page from the start, does not bring the "Try this" card, a lazy
// chunk (src/ui/lazy-parts.tsx).

import { teachStore } from './teach-store';

/** Leaves the page for another topology or profile; asks first while a demo runs. */
export function leavePageFor(search: string, what: string): void {
  const demo = teachStore.getState().demo;
  if (demo && !window.confirm(`The "${demo}" demo is still playing out. Start ${what} anyway? This cluster and its story will be gone.`)) return;
  window.location.search = search;
}
