// Stands in for src/kube/kubectl/kubectl.ts in the page's workers (lazy-console.ts):
// kubectl's commands load with the console; applying a scenario's manifests at boot
// (createObjects) does not wait for them.

import { consoleModules } from '../lazy-console';

type Kubectl = typeof import('../../kube/kubectl/kubectl');

export { createObjects } from '../../kube/kubectl/apply';
export const runKubectl: Kubectl['runKubectl'] = (...args) => consoleModules().kubectl.runKubectl(...args);
