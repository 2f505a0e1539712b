// Stands in for the processes only some clusters run, in the page's workers
// (lazy-console.ts): the cloud's API and the cloud-controller-manager (`cloud: sim`) and
// the dashboard (`dashboard: true`). Both are off by default, and a start that asks for
// one awaits the console's part first (needsLazyParts), so the process factory builds
// the real objects. Each class here is a function whose `new` returns the real one.

import { consoleModules } from '../lazy-console';

type Ccm = typeof import('../../kube/cloud/ccm');
type SimCloudModule = typeof import('../../cluster/sim-cloud');
type DashboardModule = typeof import('../../kube/dashboard/dashboard');

/** `new` on the real class once loaded; a clear error before. */
export function realClass<C extends abstract new (...args: never[]) => unknown>(real: () => C): C {
  return function (...args: ConstructorParameters<C>) {
    return new (real() as unknown as new (...a: ConstructorParameters<C>) => InstanceType<C>)(...args);
  } as unknown as C;
}

// Ports: plain numbers the factory passes when it builds the process (lazy-console.test.ts
// checks them against the real modules).
export const CCM_PORT: Ccm['CCM_PORT'] = 10258;
export const DASHBOARD_PORT: DashboardModule['DASHBOARD_PORT'] = 40002;

export const CloudControllerManager = realClass<Ccm['CloudControllerManager']>(() => consoleModules().optional.ccm.CloudControllerManager);
export const SimCloud = realClass<SimCloudModule['SimCloud']>(() => consoleModules().optional.simCloud.SimCloud);
export const Dashboard = realClass<DashboardModule['Dashboard']>(() => consoleModules().optional.dashboard.Dashboard);
export const providerIdOf: SimCloudModule['providerIdOf'] = (...args) => consoleModules().optional.simCloud.providerIdOf(...args);
