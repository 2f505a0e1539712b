// The kubelet's Events about containers, from what its runtime reported this sync:
// Pulling / Pulled (or "already present on machine"), Created, Started, Killing, BackOff,
// and the image manager's Failed pair (pkg/kubelet/events' reasons and texts). A restart's
// Created and Started are not repeated; mirror pods get none.

import type { Pod } from '../api/types';
import type { EventRecorder } from '../clientset/events';
import type { RuntimeContainer, RuntimeNote } from './runtime';

export function narrate(notes: readonly RuntimeNote[], byUid: ReadonlyMap<string, Pod>, containersOf: ReadonlyMap<string, readonly RuntimeContainer[]>, recorder: EventRecorder): void {
  if (notes.length === 0) return;
  // Each note's pod: the first pod (in the store's order) whose containers include the
  // note's container object, as a search per note would find it.
  const podOf = new Map<unknown, Pod>();
  for (const p of byUid.values()) {
    const containers = containersOf.get(p.metadata.uid ?? '');
    if (!containers) continue;
    for (const c of containers) if (!podOf.has(c)) podOf.set(c, p);
  }
  for (const n of notes) {
    const pod = podOf.get(n.container);
    if (!pod || pod.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const ref = { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '', fieldPath: `spec.containers{${n.container.name}}` };
    const c = n.container;
    switch (n.kind) {
      case 'pulling':
        recorder.record(ref, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
        break;
      case 'pulled':
        recorder.record(ref, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${((n.tookMs ?? 0) / 1000).toFixed(3)}s`);
        break;
      case 'present':
        recorder.record(ref, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
        break;
      case 'created':
        if (c.restarts === 0) recorder.record(ref, 'Normal', 'Created', `Created container ${c.name}`);
        break;
      case 'started':
        if (c.restarts === 0) recorder.record(ref, 'Normal', 'Started', `Started container ${c.name}`);
        break;
      case 'killing':
        recorder.record(ref, 'Normal', 'Killing', `Stopping container ${c.name}`);
        break;
      case 'backoff':
        recorder.record(ref, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`);
        break;
      // The image manager's events, then startContainer's "Error: <reason>".
      case 'pull-failed':
        recorder.record(ref, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${c.pullError ?? ''}`);
        recorder.record(ref, 'Warning', 'Failed', 'Error: ErrImagePull');
        break;
      case 'pull-backoff':
        recorder.record(ref, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
        recorder.record(ref, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        break;
    }
  }
}
