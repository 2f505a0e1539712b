// The container runtime (containerd, through the CRI) as the kubelet sees it: per pod,
// each container goes image pull → created → running, and may exit; a container that
// should be restarted waits out the crash backoff (10 s doubling to 300 s, reset after
// 10 minutes of running), which kubectl shows as CrashLoopBackOff. Images stay on the
// machine's disk across reboots. Pure state: the kubelet drives it with the sim clock.

import type { Disk } from '../../sim/disk';
import type { Rng } from '../../sim/rng';
import type { Container } from '../api/types';

export type ContainerPhase = 'pulling' | 'created' | 'running' | 'exited' | 'backoff' | 'stopping' | 'stopped';

export interface RuntimeContainer {
  readonly name: string;
  readonly image: string;
  readonly id: string;
  phase: ContainerPhase;
  /** When the current phase ends (pulling, created, running→exit, backoff, stopping). */
  until: number;
  startedAt: number;
  exitCode: number;
  restarts: number;
  backoffMs: number;
  /** Filled when it exited at least once: for lastState. */
  lastExit?: { code: number; startedAt: number; finishedAt: number };
  /** The exit code it will have when it exits by itself; undefined = runs forever. */
  readonly willExit: number | undefined;
}

export interface RuntimeTiming {
  readonly imagePullMs: readonly [number, number];
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/** What happened in one step, for the kubelet's events. */
export type RuntimeNote =
  | { kind: 'pulling' | 'pulled' | 'present' | 'created' | 'started' | 'killing' | 'backoff'; container: RuntimeContainer; tookMs?: number }
  | { kind: 'exited'; container: RuntimeContainer };

/** How long a crashing container runs before it exits. */
const RUN_BEFORE_EXIT_MS = 1500;
/** How long a container takes to stop after SIGTERM (nginx and friends are quick). */
const STOP_MS = 800;
/** A container running this long has its crash backoff reset. */
const BACKOFF_RESET_MS = 10 * 60_000;
const IMAGES_KEY = 'containerd/images';

/** A demo convention: `command` / `args` that exit ("exit 1", "false", "true"). */
export function exitCodeOf(c: Container): number | undefined {
  const words = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const m = /\bexit (\d+)/.exec(words);
  if (m) return Number(m[1]);
  if (/(^|\s)false(\s|$)/.test(words)) return 1;
  if (/(^|\s)true(\s|$)/.test(words)) return 0;
  return undefined;
}

export class ContainerRuntime {
  /** Pod uid → its containers. */
  readonly pods = new Map<string, RuntimeContainer[]>();
  private seq = 0;

  constructor(
    private readonly disk: Disk,
    private readonly rng: Rng,
    private readonly timing: RuntimeTiming,
  ) {}

  private hasImage(image: string): boolean {
    return (this.disk.get<string[]>(IMAGES_KEY) ?? []).includes(image);
  }

  private addImage(image: string): void {
    const images = this.disk.get<string[]>(IMAGES_KEY) ?? [];
    if (!images.includes(image)) this.disk.put(IMAGES_KEY, [...images, image].sort());
  }

  /** Starts a pod's containers (RunPodSandbox + pull + create + start). */
  run(uid: string, containers: readonly Container[], now: number, notes: RuntimeNote[]): void {
    const list: RuntimeContainer[] = containers.map((c) => {
      const id = (++this.seq).toString(16).padStart(12, '0') + this.rng.int(0, 0xffff).toString(16).padStart(4, '0');
      const rc: RuntimeContainer = { name: c.name, image: c.image, id, phase: 'created', until: now, startedAt: 0, exitCode: 0, restarts: 0, backoffMs: 0, willExit: exitCodeOf(c) };
      if (this.hasImage(c.image)) notes.push({ kind: 'present', container: rc });
      else {
        const [lo, hi] = this.timing.imagePullMs;
        rc.phase = 'pulling';
        rc.startedAt = now;
        rc.until = now + this.rng.int(lo, hi + 1);
        notes.push({ kind: 'pulling', container: rc, tookMs: rc.until - now });
      }
      return rc;
    });
    this.pods.set(uid, list);
  }

  /** SIGTERM to every container of the pod. */
  stop(uid: string, now: number, notes: RuntimeNote[]): void {
    for (const c of this.pods.get(uid) ?? []) {
      if (c.phase === 'stopping' || c.phase === 'stopped') continue;
      notes.push({ kind: 'killing', container: c });
      const running = c.phase === 'running';
      c.phase = 'stopping';
      c.until = now + (running ? STOP_MS : 0);
    }
  }

  forget(uid: string): void {
    this.pods.delete(uid);
  }

  /** Moves every container whose phase ended; `restart` says whether an exited
   * container is started again (restartPolicy). */
  step(now: number, restart: (uid: string, code: number) => boolean, notes: RuntimeNote[]): void {
    for (const [uid, list] of this.pods) {
      for (const c of list) {
        if (now < c.until) continue;
        switch (c.phase) {
          case 'pulling':
            this.addImage(c.image);
            notes.push({ kind: 'pulled', container: c, tookMs: c.until - c.startedAt });
            c.phase = 'created';
            break;
          case 'created':
          case 'backoff':
            notes.push({ kind: 'created', container: c });
            notes.push({ kind: 'started', container: c });
            c.phase = 'running';
            c.startedAt = now;
            c.until = c.willExit === undefined ? Infinity : now + RUN_BEFORE_EXIT_MS;
            break;
          case 'running':
            c.phase = 'exited';
            c.exitCode = c.willExit ?? 0;
            c.lastExit = { code: c.exitCode, startedAt: c.startedAt, finishedAt: now };
            notes.push({ kind: 'exited', container: c });
            if (restart(uid, c.exitCode)) {
              if (now - c.startedAt >= BACKOFF_RESET_MS) c.backoffMs = 0;
              c.backoffMs = c.backoffMs === 0 ? this.timing.backoffBaseMs : Math.min(this.timing.backoffMaxMs, c.backoffMs * 2);
              c.restarts++;
              c.phase = 'backoff';
              c.until = now + c.backoffMs;
              notes.push({ kind: 'backoff', container: c });
            } else c.until = Infinity;
            break;
          case 'stopping':
            c.phase = 'stopped';
            c.until = Infinity;
            break;
          default:
            c.until = Infinity;
        }
      }
    }
  }

  /** True when every container of the pod has stopped. */
  stopped(uid: string): boolean {
    return (this.pods.get(uid) ?? []).every((c) => c.phase === 'stopped' || c.phase === 'exited');
  }
}
