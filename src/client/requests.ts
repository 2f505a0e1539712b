// Commands that want an answer (kv, console, trace) carry an id; the answer comes back
// in a later Frame's `replies`. This turns that into a Promise.

import type { UiCommand } from '../protocol/commands';
import type { CommandResult } from '../protocol/commands';
import type { SimConnection } from './connection';

type WithId = Extract<UiCommand, { id: number }>;
/** A command that carries an id, without it: `request` assigns one. */
export type RequestCommand = WithId extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export class Requests {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: CommandResult) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly conn: SimConnection) {
    this.unsubscribe = conn.subscribe((frame) => {
      for (const r of frame.replies) {
        const done = this.waiting.get(r.id);
        if (done) {
          this.waiting.delete(r.id);
          done(r.result);
        }
      }
    });
  }

  /** Sends the command with a fresh id; resolves with the coordinator's answer. */
  request(cmd: RequestCommand): Promise<CommandResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.conn.send({ ...cmd, id } as UiCommand);
    });
  }

  /** A new cluster: answers to the old one's commands will never come. */
  abandonAll(reason: string): void {
    for (const done of this.waiting.values()) done({ ok: false, error: reason });
    this.waiting.clear();
  }

  dispose(): void {
    this.unsubscribe();
    this.abandonAll('the page closed the connection');
  }
}
