import { describe, expect, it } from 'vitest';
import { Disk } from '../../sim/disk';
import { Rng } from '../../sim/rng';
import { ContainerRuntime, type RuntimeNote } from './runtime';

// The kubelet recomputes a pod's status only when the runtime's change counter for that
// pod moved (kubelet.ts postStatus), so the counter must move on every container change
// and stay put otherwise.
describe('ContainerRuntime change counter', () => {
  const timing = { imagePullMs: [1000, 1000] as const, backoffBaseMs: 10_000, backoffMaxMs: 300_000 };
  const always = () => true;

  it('moves when a container changes phase and only then', () => {
    const rt = new ContainerRuntime(new Disk(), new Rng(1), timing);
    const notes: RuntimeNote[] = [];
    expect(rt.version('a')).toBe(0);
    rt.run('a', [{ name: 'nginx', image: 'nginx:1.27' }], 0, notes);
    const started = rt.version('a');
    expect(started).toBeGreaterThan(0);
    rt.step(500, always, notes); // still pulling
    expect(rt.version('a')).toBe(started);
    rt.step(1000, always, notes); // pulled → created
    const created = rt.version('a');
    expect(created).toBeGreaterThan(started);
    expect(rt.pods.get('a')![0]!.phase).toBe('created');
    rt.step(1100, always, notes); // created → running
    const running = rt.version('a');
    expect(running).toBeGreaterThan(created);
    for (let t = 1200; t < 60_000; t += 100) rt.step(t, always, notes);
    expect(rt.version('a')).toBe(running); // runs forever: nothing changes
    rt.stop('a', 60_000, notes);
    expect(rt.version('a')).toBeGreaterThan(running);
    rt.forget('a');
    expect(rt.version('a')).toBe(0);
  });

  it('keeps pods apart', () => {
    const rt = new ContainerRuntime(new Disk(), new Rng(1), timing);
    rt.run('a', [{ name: 'c', image: 'nginx:1.27' }], 0, []);
    rt.run('b', [{ name: 'c', image: 'nginx:1.27' }], 0, []);
    const b = rt.version('b');
    rt.stop('a', 10, []);
    expect(rt.version('b')).toBe(b);
  });
});
