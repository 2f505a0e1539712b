// The view a machine publishes for a process that threw (src/sim/machine.ts): the UI
// draws it as crashed until the machine restarts, whatever the process said before.

export interface CrashedView {
  readonly kind: 'crashed';
  readonly process: string;
  readonly error: string;
}

export function isCrashed(view: unknown): view is CrashedView {
  return (view as { kind?: unknown } | null | undefined)?.kind === 'crashed';
}

/** A process's view, or undefined while it is crashed (so a reader of its fields
 * never meets a CrashedView). */
export function liveView<T>(view: unknown): T | undefined {
  return view === undefined || isCrashed(view) ? undefined : (view as T);
}
