// The part of the simulation only a console line, a scenario file or an export reaches:
// kubectl's and etcdctl's commands (parsing, printing, describe), scenario files, and
// the YAML parser. In the page's workers it is a chunk of its own (vite.config.ts
// points the eager imports of these modules at the stand-ins in ./lazy/), fetched after
// the boot; the coordinator awaits loadConsole() before it hands the simulation a
// console line or a scenario's text, as it did for the YAML parser alone (a window
// cannot await an import). Node imports the real modules directly.

import { loadYaml } from './lazy-yaml';

type Kubectl = typeof import('../kube/kubectl/kubectl');
type Etcdctl = typeof import('../etcd/etcdctl/etcdctl');
type ScenarioFiles = typeof import('../cluster/scenario');

interface Console {
  readonly kubectl: Kubectl;
  readonly etcdctl: Etcdctl;
  readonly scenario: ScenarioFiles;
}

let loaded: Console | undefined;
let loading: Promise<void> | undefined;

export function loadConsole(): Promise<void> {
  loading ??= Promise.all([import('../kube/kubectl/kubectl'), import('../etcd/etcdctl/etcdctl'), import('../cluster/scenario'), loadYaml()]).then(([kubectl, etcdctl, scenario]) => {
    loaded = { kubectl, etcdctl, scenario };
  });
  return loading;
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
