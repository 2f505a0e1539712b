// Commands to processes and their answers, for the Simulation (simulation.ts): the
// page's console lines and KV operations, a scenario's console steps, and the
// coordinator's own commands (whose answers are dropped). A machine sees ids of the
// desk's; the answer goes back under the caller's id, and a console line's answer is
// traced (`console.line`, `console.reply`).

import type { ConsoleRoute } from '../protocol/commands';
import type { TraceEvent } from '../protocol/trace';
import type { MachineInput } from '../sim/machine';
import type { CommandResult } from '../sim/process';
import { consoleReply, type CommandReply, type MachineRecord } from './simulation-types';

/** The machine whose console client runs console lines (setup.ts). */
export const CLIENT = 'client';

/** What the desk needs of the simulation. */
export interface DeskHost {
  now(): number;
  machine(name: string): MachineRecord | undefined;
  /** Queues an input for the machine's current life. */
  push(rec: MachineRecord, input: MachineInput): void;
  record(ev: TraceEvent): void;
}

export class CommandDesk {
  /** Commands in flight, by the id their machine sees → the caller's id, or undefined
   * for the coordinator's own (a membership fault's etcdctl line): its answer is dropped. */
  private readonly caller = new Map<number, number | undefined>();
  private nextCommandId = 1;
  /** Console lines in flight: the machine's command id → the line's trace id. */
  private readonly consoleIds = new Map<number, number>();
  private nextConsoleId = 1;
  private replies: CommandReply[] = [];

  constructor(private readonly host: DeskHost) {}

  /** A command for a process; a machine that is down or unknown answers at once. */
  command(machine: string, process: string, id: number, command: unknown): void {
    const m = this.host.machine(machine);
    if (!m || m.status !== 'up') {
      this.replies.push({ t: this.host.now(), id, result: { ok: false, error: `machine ${machine} is ${m ? 'down' : 'unknown'}` } });
      return;
    }
    this.issue(m, process, id, command);
  }

  /** Queues a command at the current time; returns the id the machine sees. */
  issue(m: MachineRecord, process: string, callerId: number | undefined, command: unknown): number {
    const id = this.nextCommandId++;
    this.caller.set(id, callerId);
    this.host.push(m, { t: this.host.now(), kind: 'command', id, process, command });
    return id;
  }

  /** A command of the coordinator's own to a machine that is up; nobody waits for it. */
  tell(machine: string, process: string, command: unknown): void {
    const m = this.host.machine(machine);
    if (m && m.status === 'up') this.issue(m, process, undefined, command);
  }

  /** A console line (see Simulation.consoleLine). */
  consoleLine(text: string, route: ConsoleRoute, callerId?: number): void {
    const lineId = this.nextConsoleId++;
    this.host.record({ t: this.host.now(), type: 'console.line', id: lineId, line: text });
    const answer = (result: CommandResult): void => {
      this.host.record(consoleReply(this.host.now(), lineId, result));
      if (callerId !== undefined) this.replies.push({ t: this.host.now(), id: callerId, result });
    };
    const d = route;
    if ('answer' in d) return answer(d.answer);
    const m = this.host.machine(CLIENT);
    if (!m || m.status !== 'up') return answer({ ok: false, error: `machine ${CLIENT} is ${m ? 'down' : 'unknown'}` });
    const id = this.issue(m, d.process, callerId, { line: d.line, ...(d.stdin !== undefined ? { stdin: d.stdin } : {}) });
    this.consoleIds.set(id, lineId);
  }

  /** A machine answered command `r.id` in the window being committed: a console line's
   * answer joins the window's events, the caller's answer is kept for takeReplies. */
  answered(r: CommandReply, events: TraceEvent[]): void {
    const line = this.consoleIds.get(r.id);
    if (line !== undefined) {
      this.consoleIds.delete(r.id);
      events.push(consoleReply(r.t, line, r.result));
    }
    const caller = this.caller.get(r.id);
    if (caller !== undefined) this.replies.push({ ...r, id: caller });
  }

  /** Replies to commands since the last call. */
  take(): CommandReply[] {
    const out = this.replies;
    this.replies = [];
    return out;
  }
}
