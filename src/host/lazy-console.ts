// The part of the simulation only a console line, a scenario file or an export reaches:
// kubectl's and etcdctl's commands (parsing, printing, describe), scenario files, and
// the YAML parser; the processes only an opt-in cluster runs (the simulated cloud and
// its cloud-controller-manager, the dashboard); the batch kinds' code (the Job, CronJob
// and TTL-after-finished controllers, their validation, defaults and schedule parser: no
// Job exists before one of those commands made it, ./lazy/batch.ts); and the writing of
// a run as a file, for an export (recording-file.ts). In the page's workers it is a
// chunk of its own (vite.config.ts points the eager imports of these modules at the
// stand-ins in ./lazy/), fetched after the boot; the coordinator awaits loadConsole()
// before a command that needs it (needsLazyParts: a console line, an export, a start
// with a scenario, a cloud, the dashboard, a batch manifest or ?isolation=worker (its
// driver), a KV write under
// /registry/) reaches the simulation, as it did for the YAML parser alone (a window
// cannot await an import). Node imports the real modules directly.

import type { UiCommand } from '../protocol/commands';
import { loadYaml } from './lazy-yaml';
import { batchLoaded } from './lazy/batch';

type Kubectl = typeof import('../kube/kubectl/kubectl');
type Etcdctl = typeof import('../etcd/etcdctl/etcdctl');
type ScenarioFiles = typeof import('../cluster/scenario');
type SnapshotCommand = typeof import('../etcd/etcdctl/snapshot-command');
type RecordingFile = typeof import('./recording-file');
interface OptionalProcesses {
  readonly ccm: typeof import('../kube/cloud/ccm');
  readonly simCloud: typeof import('../cluster/sim-cloud');
  readonly dashboard: typeof import('../kube/dashboard/dashboard');
}

interface Console {
  readonly kubectl: Kubectl;
  readonly etcdctl: Etcdctl;
  readonly scenario: ScenarioFiles;
  /** `etcdctl snapshot …` and the restore that follows it (src/coordinator/restore.ts). */
  readonly snapshot: SnapshotCommand;
  readonly optional: OptionalProcesses;
  /** A run written as a file, for an export. */
  readonly recordingFile: RecordingFile;
  /** The apiserver's watches of Events (no watch cache): only the dashboard and kubectl open one. */
  readonly storageWatches: typeof import('../kube/apiserver/storage-watches');
  /** One Web Worker per machine (`?isolation=worker`, an option): the default runs every
   * machine inside the coordinator's worker. */
  readonly workerDriver: typeof import('./worker-driver');
}

let loaded: Console | undefined;
let loading: Promise<void> | undefined;

export function loadConsole(): Promise<void> {
  loading ??= Promise.all([
    import('../kube/kubectl/kubectl'),
    import('../etcd/etcdctl/etcdctl'),
    import('../cluster/scenario'),
    import('../etcd/etcdctl/snapshot-command'),
    Promise.all([import('../kube/cloud/ccm'), import('../cluster/sim-cloud'), import('../kube/dashboard/dashboard')]),
    loadYaml(),
    import('./batch-parts'),
    import('./recording-file'),
    import('../kube/apiserver/storage-watches'),
    import('./worker-driver'),
  ]).then(([kubectl, etcdctl, scenario, snapshot, [ccm, simCloud, dashboard], , batch, recordingFile, storageWatches, workerDriver]) => {
    loaded = { kubectl, etcdctl, scenario, snapshot, optional: { ccm, simCloud, dashboard }, recordingFile, storageWatches, workerDriver };
    batchLoaded(batch);
  });
  return loading;
}

/** Whether the simulation needs this part before it takes `cmd`: to read a console line
 * or a scenario's text, to print an export, to build a cluster with a cloud or the
 * dashboard, or before anything could make a Job or a CronJob (./lazy/batch.ts): a start
 * whose manifests hold one, a KV write straight into the apiserver's keys. The default
 * start does not wait for it. */
export function needsLazyParts(cmd: UiCommand): boolean {
  if (cmd.type === 'console' || cmd.type === 'export') return true;
  if (cmd.type === 'kv') return cmd.f !== 'get' && cmd.key.startsWith('/registry/');
  if (cmd.type !== 'start') return false;
  return cmd.scenario !== undefined || cmd.isolation === 'worker' || cmd.setup.cloud === 'sim' || cmd.setup.dashboard === true || (cmd.setup.manifests ?? []).some(holdsBatchKind);
}

/** A manifest (or a List of them) with a Job or a CronJob in it. */
function holdsBatchKind(manifest: unknown): boolean {
  return /"kind":"(?:Cron)?Job"/.test(JSON.stringify(manifest) ?? '');
}

/** The loaded modules; a clear error if something reached them before loadConsole(). */
export function consoleModules(): Console {
  if (!loaded) throw new Error('the console is still loading; try again in a moment');
  return loaded;
}

/** Whether loadConsole() has finished (ScenarioError's instanceof asks). */
export function consoleLoaded(): Console | undefined {
  return loaded;
}
