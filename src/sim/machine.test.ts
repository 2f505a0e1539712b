// A process that throws stops alone: the machine's other processes run on, the trace
// records the crash, and a command to the crashed process says what happened.

import { describe, expect, it } from 'vitest';
import { Disk } from './disk';
import { Machine } from './machine';
import type { Process, ProcessFactory, Runtime } from './process';

class Counter implements Process {
  readonly ports = [1];
  ticks = 0;
  constructor(
    readonly name: string,
    private readonly rt: Runtime,
    private readonly throwAt: number,
    private readonly viewThrows = false,
  ) {}
  receive(): void {}
  tick(): void {
    if (++this.ticks === this.throwAt) throw new Error(`${this.name} cannot handle tick ${this.ticks}`);
  }
  command(id: number): void {
    this.rt.reply(id, { ok: true, output: `${this.name}: ${this.ticks} ticks` });
  }
  view(): unknown {
    if (this.viewThrows) throw new TypeError("Cannot read properties of undefined (reading 'unschedulable')");
    return { ticks: this.ticks };
  }
}

describe('Machine', () => {
  it('isolates a process that throws', () => {
    const factory: ProcessFactory = (_spec, runtimeFor) => [new Counter('good', runtimeFor('good', 1), Infinity), new Counter('bad', runtimeFor('bad', 2), 3)];
    const m = new Machine({ name: 'm', kind: 'worker', processes: [] }, new Disk(), factory, { runSeed: 1, bootCount: 0, recordDiskOps: false });
    const out = m.run([1, 2, 3, 4, 5].map((t) => ({ t, kind: 'tick' as const })));
    expect(out.events).toEqual([{ t: 3, type: 'process.crash', machine: 'm', process: 'bad', error: 'bad cannot handle tick 3' }]);
    expect(m.view().processes).toEqual({ good: { ticks: 5 }, bad: { kind: 'crashed', process: 'bad', error: 'bad cannot handle tick 3' } });
    const replies = m.run([
      { t: 6, kind: 'command', id: 1, process: 'good', command: {} },
      { t: 6, kind: 'command', id: 2, process: 'bad', command: {} },
    ]).replies;
    expect(replies.map((r) => r.result)).toEqual([
      { ok: true, output: 'good: 5 ticks' },
      { ok: false, error: 'bad on m has crashed (bad cannot handle tick 3); restart m to start it again' },
    ]);
  });

  it('a view that throws marks its process crashed; the machine and its other processes run on', () => {
    const factory: ProcessFactory = (_spec, runtimeFor) => [new Counter('good', runtimeFor('good', 1), Infinity), new Counter('bad', runtimeFor('bad', 2), Infinity, true)];
    const m = new Machine({ name: 'm', kind: 'worker', processes: [] }, new Disk(), factory, { runSeed: 1, bootCount: 0, recordDiskOps: false });
    m.run([{ t: 1, kind: 'tick' }]);
    const error = "Cannot read properties of undefined (reading 'unschedulable')";
    expect(m.view().processes).toEqual({ good: { ticks: 1 }, bad: { kind: 'crashed', process: 'bad', error } });
    const out = m.run([{ t: 2, kind: 'tick' }, { t: 2, kind: 'command', id: 1, process: 'bad', command: {} }]);
    expect(out.events).toEqual([{ t: 1, type: 'process.crash', machine: 'm', process: 'bad', error }]);
    expect(out.replies[0]!.result).toEqual({ ok: false, error: `bad on m has crashed (${error}); restart m to start it again` });
    expect(m.view().processes).toEqual({ good: { ticks: 2 }, bad: { kind: 'crashed', process: 'bad', error } });
  });

  it('a command whose process crashes is answered, and a factory that throws leaves the machine up and empty', () => {
    class Throws implements Process {
      readonly name = 'kubectl';
      readonly ports = [1];
      receive(): void {}
      tick(): void {}
      command(): void {
        throw new TypeError("Cannot read properties of null (reading 'name')");
      }
      view(): unknown {
        return {};
      }
    }
    const m = new Machine({ name: 'client', kind: 'client', processes: [] }, new Disk(), () => [new Throws()], { runSeed: 1, bootCount: 0, recordDiskOps: false });
    const out = m.run([{ t: 5, kind: 'command', id: 7, process: 'kubectl', command: {} }]);
    expect(out.replies).toEqual([{ t: 5, id: 7, result: { ok: false, error: "kubectl on client crashed (Cannot read properties of null (reading 'name')); restart client to start it again" } }]);
    const broken = new Machine({ name: 'm', kind: 'worker', processes: [] }, new Disk(), () => {
      throw new Error('unreadable disk');
    }, { runSeed: 1, bootCount: 0, recordDiskOps: false });
    expect(broken.run([{ t: 1, kind: 'tick' }]).events).toEqual([{ t: 0, type: 'process.crash', machine: 'm', process: 'boot', error: 'unreadable disk' }]);
  });

  it("reports the earliest of its processes' next ticks as its wake; a process that cannot say, every tick; a crashed one, none", () => {
    const sleeper = (name: string, port: number, at: () => number): Process => ({ name, ports: [port], receive() {}, tick() {}, nextTick: at, view: () => null });
    const boot = (factory: ProcessFactory) => new Machine({ name: 'w', kind: 'worker', processes: [] }, new Disk(), factory, { runSeed: 1, bootCount: 0, recordDiskOps: false });
    let bAt = 700;
    const both = boot(() => [sleeper('a', 1, () => 900), sleeper('b', 2, () => bAt)]);
    expect(both.run([{ t: 1, kind: 'tick' }]).wake).toBe(700);
    bAt = Infinity;
    expect(both.run([{ t: 2, kind: 'tick' }]).wake).toBe(900);
    // One process without nextTick: the machine ticks every period.
    const mixed = boot((_s, rt) => [sleeper('a', 1, () => 900), new Counter('c', rt('c', 2), Infinity)]);
    expect(mixed.run([{ t: 1, kind: 'tick' }]).wake).toBe(-Infinity);
    // A nextTick that throws crashes its process, which then needs no tick.
    const crashing = boot(() => [sleeper('a', 1, () => 900), sleeper('b', 2, () => {
      throw new Error('no clock');
    })]);
    const out = crashing.run([{ t: 3, kind: 'tick' }]);
    expect(out.events).toEqual([{ t: 3, type: 'process.crash', machine: 'w', process: 'b', error: 'no clock' }]);
    expect(out.wake).toBe(900);
    expect(crashing.run([{ t: 4, kind: 'tick' }]).wake).toBe(900);
  });
});
