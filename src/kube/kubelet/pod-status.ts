// A pod's status as the kubelet's status manager computes it from its containers:
// phase, the five conditions, container states (Waiting ContainerCreating /
// ErrImagePull / ImagePullBackOff / CrashLoopBackOff, Running, Terminated Error /
// Completed), restart counts, IPs.

import { timestamp } from '../api/time';
import type { ContainerState, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../api/types';
import type { RuntimeContainer } from './runtime';

/** v1.31's image manager: ErrImagePull carries the CRI error; ImagePullBackOff only
 * "Back-off pulling image" (v1.32 appends the last error). */
function state(c: RuntimeContainer): ContainerState {
  switch (c.phase) {
    case 'pulling':
    case 'created':
      // A retried pull runs inside a sync: the status still says ImagePullBackOff.
      if (c.phase === 'pulling' && c.pullFailures > 0) return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
      return { waiting: { reason: c.restarts > 0 ? 'PodInitializing' : 'ContainerCreating' } };
    case 'pull-error':
      return { waiting: { reason: 'ErrImagePull', message: c.pullError ?? '' } };
    case 'pull-backoff':
      return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
    case 'backoff':
      return { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${c.backoffMs / 1000}s restarting failed container=${c.name}` } };
    case 'running':
      return { running: { startedAt: timestamp(c.startedAt) } };
    default: {
      const e = c.lastExit;
      return { terminated: { exitCode: e?.code ?? 0, reason: (e?.code ?? 0) === 0 ? 'Completed' : 'Error', startedAt: timestamp(e?.startedAt ?? 0), finishedAt: timestamp(e?.finishedAt ?? 0) } };
    }
  }
}

/** A condition as the status manager sets it: its transition time kept while its status
 * stays. A module function, not a closure bound to a name inside podStatus: run through
 * tsx/esbuild (the benchmarks) such a closure is wrapped to keep its name (`__name`, an
 * Object.defineProperty) each time it is made. */
function condition(prev: PodStatus | undefined, ts: string, type: PodCondition['type'], ok: boolean, reason?: string): PodCondition {
  const was = prev?.conditions?.find((c) => c.type === type);
  const status = ok ? 'True' : 'False';
  return { type, status, lastProbeTime: null, lastTransitionTime: was && was.status === status ? (was.lastTransitionTime ?? ts) : ts, ...(reason && !ok ? { reason } : {}) };
}

export function podStatus(pod: Pod, containers: readonly RuntimeContainer[], hostIP: string, podIP: string | undefined, now: number): PodStatus {
  const prev = pod.status;
  const statuses: ContainerStatus[] = containers.map((c) => {
    // Before its image is pulled there is no container and no image ID.
    const created = c.phase !== 'pulling' && c.phase !== 'pull-error' && c.phase !== 'pull-backoff';
    return {
      name: c.name,
      image: c.image,
      imageID: created ? `${c.image.split(':')[0]}@sha256:${c.id.padEnd(64, '0').slice(0, 64)}` : '',
      ...(created ? { containerID: `containerd://${c.id.padEnd(64, 'a').slice(0, 64)}` } : {}),
      ready: c.phase === 'running',
      started: c.phase === 'running',
      restartCount: c.restarts,
      state: state(c),
      ...(c.lastExit && c.phase !== 'exited' ? { lastState: { terminated: { exitCode: c.lastExit.code, reason: c.lastExit.code === 0 ? 'Completed' : 'Error', startedAt: timestamp(c.lastExit.startedAt), finishedAt: timestamp(c.lastExit.finishedAt) } } } : {}),
    };
  });
  const allRunning = containers.length > 0 && containers.every((c) => c.phase === 'running');
  const anyRunning = containers.some((c) => c.phase === 'running' || c.phase === 'backoff');
  const terminal = containers.length > 0 && containers.every((c) => c.phase === 'exited');
  let phase: PodPhase = 'Pending';
  if (terminal) phase = containers.every((c) => c.exitCode === 0) ? 'Succeeded' : 'Failed';
  else if (anyRunning || (prev?.phase === 'Running' && containers.some((c) => c.restarts > 0))) phase = 'Running';
  const ts = timestamp(now);
  const notReady = containers.filter((c) => c.phase !== 'running').map((c) => c.name);
  return {
    phase,
    conditions: [
      condition(prev, ts, 'PodReadyToStartContainers', true),
      condition(prev, ts, 'Initialized', true),
      { ...condition(prev, ts, 'Ready', allRunning, 'ContainersNotReady'), ...(allRunning ? {} : { message: `containers with unready status: [${notReady.join(' ')}]` }) },
      { ...condition(prev, ts, 'ContainersReady', allRunning, 'ContainersNotReady'), ...(allRunning ? {} : { message: `containers with unready status: [${notReady.join(' ')}]` }) },
      condition(prev, ts, 'PodScheduled', true),
    ],
    hostIP,
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: prev?.startTime ?? ts,
    containerStatuses: statuses,
    qosClass: prev?.qosClass ?? 'BestEffort',
  };
}
