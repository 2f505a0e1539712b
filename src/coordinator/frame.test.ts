import { describe, expect, it } from 'vitest';
import { InProcessCluster } from '../host/in-process';
import { MAX_FRAME_EVENTS } from '../protocol/frames';
import type { TraceEvent } from '../protocol/trace';
import { buildFrame, frameWithoutCluster } from './frame';
import { parseScenario, simulationInit } from '../cluster/scenario';

describe('buildFrame', () => {
  const cluster = new InProcessCluster(simulationInit(parseScenario('{ name: f, until: 1s, topology: { etcd: stacked, masters: 1, kubernetes: false } }')));
  const events = (n: number): TraceEvent[] => Array.from({ length: n }, (_, i) => ({ t: i, type: 'machine.up', machine: `m-${i}` }));

  it('carries every event when there are few', () => {
    const f = buildFrame(cluster.sim, new Map(), { playing: true, speed: 1, events: events(10), replies: [] });
    expect(f.events).toHaveLength(10);
    expect(f.eventsFolded).toBeUndefined();
  });

  it('keeps the newest MAX_FRAME_EVENTS and counts the rest', () => {
    const f = buildFrame(cluster.sim, new Map(), { playing: true, speed: 1, events: events(MAX_FRAME_EVENTS + 70), replies: [] });
    expect(f.events).toHaveLength(MAX_FRAME_EVENTS);
    expect(f.eventsFolded).toBe(70);
    expect(f.events[0]).toMatchObject({ machine: 'm-70' });
  });

  it('caps the frame of a page with no cluster running the same way', () => {
    const f = frameWithoutCluster({ playing: false, speed: 1, events: events(MAX_FRAME_EVENTS + 5), replies: [] });
    expect(f.events).toHaveLength(MAX_FRAME_EVENTS);
    expect(f.eventsFolded).toBe(5);
  });
});
