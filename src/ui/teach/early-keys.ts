// Keys pressed before the keyboard's shortcuts have loaded (Keys.tsx is a lazy part,
// issue 14's first-path budget): a 'p' or a space pressed as the first leader appears
// would otherwise be lost. Only keys pressed with nothing focused (on the page's body)
// are held, so no element's own handler has seen them; Keys takes them when it starts
// listening and handles them in order, as if they had just been pressed.

const held: KeyboardEvent[] = [];

function hold(e: KeyboardEvent): void {
  if (e.target === document.body || e.target === document.documentElement) held.push(e);
}

if (typeof window !== 'undefined') window.addEventListener('keydown', hold);

/** Stops holding keys and hands the held ones to `handle`, oldest first. */
export function takeEarlyKeys(handle: (e: KeyboardEvent) => void): void {
  if (typeof window !== 'undefined') window.removeEventListener('keydown', hold);
  for (const e of held.splice(0)) handle(e);
}
