// The container runtime (containerd, through the CRI) as the kubelet sees it: per pod,
// each container goes image pull → created → running, and may exit; a container that
// should be restarted waits out the crash backoff (10 s doubling to 300 s, reset after
// 10 minutes of running), which kubectl shows as CrashLoopBackOff. Images stay on the
// machine's disk across reboots. Pure state: the kubelet drives it with the sim clock.
//
// Image pulls ask the built-in registry (`registry.ts`: no network, a rule decides what
// exists). A pull that fails takes 0.5–1.5 s; the container then waits as ErrImagePull,
// and the kubelet's image back-off for that pod and image starts: the crash backoff's
// base, doubling to its maximum (the kubelet uses the same 10 s / 300 s for both). The
// pod is synced again at the next kubelet tick after its first failed pull (the sync the
// PLEG queued when the pod's sandbox started, which waited for the pull), then whenever
// the pod worker requeues a failed sync: the back-off base plus up to half as much
// jitter (wait.Jitter(backOffPeriod, 0.5)). A sync inside the back-off says BackOff and
// leaves the container waiting as ImagePullBackOff; the first one after it pulls again.
// So ErrImagePull shows briefly after the first pull and for one requeue after each
// retry, ImagePullBackOff the rest of the time, as on a real node.

import type { Disk } from '../../sim/disk';
import type { Rng } from '../../sim/rng';
import type { Container } from '../api/types';
import { scriptOf, type Script } from './command';
import { pullImage } from './registry';

/** `pull-error`: the last pull failed (ErrImagePull); `pull-backoff`: waiting out the
 * image back-off (ImagePullBackOff). */
export type ContainerPhase = 'pulling' | 'pull-error' | 'pull-backoff' | 'created' | 'running' | 'exited' | 'backoff' | 'stopping' | 'stopped';

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
  /** What its command does (how long it runs, its exit code); undefined = runs until
   * stopped. */
  readonly script: Script | undefined;
  /** Pulls of its image that failed so far, the last one's error (as the kubelet has it
   * from the CRI), when it failed, and the image back-off that started then. */
  pullFailures: number;
  pullError?: string;
  pullFailedAt: number;
  imageBackoffMs: number;
}

export interface RuntimeTiming {
  readonly imagePullMs: readonly [number, number];
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/** What happened in one step, for the kubelet's events. */
export type RuntimeNote =
  | { kind: 'pulling' | 'pulled' | 'present' | 'created' | 'started' | 'killing' | 'backoff'; container: RuntimeContainer; tookMs?: number }
  | { kind: 'exited'; container: RuntimeContainer }
  /** `pull-failed`: a pull failed (Failed …, Error: ErrImagePull); `pull-backoff`: a sync
   * inside the image back-off (BackOff, Error: ImagePullBackOff). */
  | { kind: 'pull-failed' | 'pull-backoff'; container: RuntimeContainer };

/** How long a container takes to stop after SIGTERM (nginx and friends are quick). */
const STOP_MS = 800;
/** A container running this long has its crash backoff reset. */
const BACKOFF_RESET_MS = 10 * 60_000;
const IMAGES_KEY = 'containerd/images';
/** How long a pull that fails takes (resolving the reference is quick). */
const FAILED_PULL_MS: readonly [number, number] = [500, 1500];

export class ContainerRuntime {
  /** Pod uid → its containers. */
  readonly pods = new Map<string, RuntimeContainer[]>();
  /** Pod uid → a counter bumped whenever one of its containers changes: the kubelet
   * recomputes a pod's status only when it moved (the status manager syncs on PLEG
   * events, not on every loop). */
  private readonly versions = new Map<string, number>();
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
      const rc: RuntimeContainer = {
        name: c.name, image: c.image, id, phase: 'created', until: now, startedAt: 0, exitCode: 0, restarts: 0, backoffMs: 0, script: scriptOf(c),
        pullFailures: 0, pullFailedAt: 0, imageBackoffMs: 0,
      };
      if (this.hasImage(c.image)) notes.push({ kind: 'present', container: rc });
      else this.startPull(rc, now, notes);
      return rc;
    });
    this.pods.set(uid, list);
    this.bump(uid);
  }

  /** The pod's change counter (see `versions`). */
  version(uid: string): number {
    return this.versions.get(uid) ?? 0;
  }

  private bump(uid: string): void {
    this.versions.set(uid, (this.versions.get(uid) ?? 0) + 1);
  }

  /** PullImage: a pull that will succeed takes imagePullMs; one that will fail, less. */
  private startPull(rc: RuntimeContainer, now: number, notes: RuntimeNote[]): void {
    const [lo, hi] = pullImage(rc.image).ok ? this.timing.imagePullMs : FAILED_PULL_MS;
    rc.phase = 'pulling';
    rc.startedAt = now;
    rc.until = now + this.rng.int(lo, hi + 1);
    notes.push({ kind: 'pulling', container: rc, tookMs: rc.until - now });
  }

  /** The pod worker's requeue after a failed sync: wait.Jitter(backOffPeriod, 0.5). */
  private resyncAt(now: number): number {
    const base = this.timing.backoffBaseMs;
    return now + base + this.rng.int(0, Math.floor(base / 2) + 1);
  }

  /** SIGTERM to every container of the pod. */
  stop(uid: string, now: number, notes: RuntimeNote[]): void {
    this.bump(uid);
    for (const c of this.pods.get(uid) ?? []) {
      if (c.phase === 'stopping' || c.phase === 'stopped') continue;
      // A container still waiting for its image was never created: nothing to kill.
      if (c.phase !== 'pulling' && c.phase !== 'pull-error' && c.phase !== 'pull-backoff') notes.push({ kind: 'killing', container: c });
      const running = c.phase === 'running';
      c.phase = 'stopping';
      c.until = now + (running ? STOP_MS : 0);
    }
  }

  forget(uid: string): void {
    this.pods.delete(uid);
    this.versions.delete(uid);
  }

  /** Moves every container whose phase ended; `restart` says whether an exited
   * container is started again (restartPolicy). */
  step(now: number, restart: (uid: string, code: number) => boolean, notes: RuntimeNote[]): void {
    for (const [uid, list] of this.pods) {
      for (const c of list) {
        if (now < c.until) continue;
        this.bump(uid);
        switch (c.phase) {
          case 'pulling': {
            const pulled = pullImage(c.image);
            if (!pulled.ok) {
              // The kubelet's image back-off (flowcontrol.Backoff.Next): the base, then
              // doubling to the maximum.
              c.pullFailures++;
              c.pullError = pulled.error;
              c.pullFailedAt = now;
              c.imageBackoffMs = c.imageBackoffMs === 0 ? this.timing.backoffBaseMs : Math.min(this.timing.backoffMaxMs, c.imageBackoffMs * 2);
              c.phase = 'pull-error';
              c.until = c.pullFailures === 1 ? now : this.resyncAt(now);
              notes.push({ kind: 'pull-failed', container: c });
              break;
            }
            this.addImage(c.image);
            notes.push({ kind: 'pulled', container: c, tookMs: c.until - c.startedAt });
            c.phase = 'created';
            break;
          }
          case 'pull-error':
          case 'pull-backoff':
            // A sync of the pod: inside the image back-off it only says so; after it, pull.
            if (now - c.pullFailedAt < c.imageBackoffMs) {
              c.phase = 'pull-backoff';
              c.until = this.resyncAt(now);
              notes.push({ kind: 'pull-backoff', container: c });
            } else this.startPull(c, now, notes);
            break;
          case 'created':
          case 'backoff':
            notes.push({ kind: 'created', container: c });
            notes.push({ kind: 'started', container: c });
            c.phase = 'running';
            c.startedAt = now;
            c.until = c.script === undefined ? Infinity : now + c.script.runMs;
            break;
          case 'running':
            c.phase = 'exited';
            c.exitCode = c.script?.exitCode ?? 0;
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

  /** The earliest time a container's phase ends (Infinity when none will by itself):
   * before it, step() changes nothing. */
  nextDue(): number {
    let due = Infinity;
    for (const list of this.pods.values()) for (const c of list) if (c.until < due) due = c.until;
    return due;
  }

  /** True when every container of the pod has stopped. */
  stopped(uid: string): boolean {
    return (this.pods.get(uid) ?? []).every((c) => c.phase === 'stopped' || c.phase === 'exited');
  }
}
