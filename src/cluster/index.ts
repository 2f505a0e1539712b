// The cluster layer: what describes a cluster (topologies, profiles, process specs and
// the process factory, scenario files). The coordinator that runs it is src/coordinator.
export { DEFAULT_SETUP, ETCD_SIZES, CLIENT_MACHINE, machinesFor, machineNames, etcdMembersOf, setupErrors } from './setup';
export { PROFILES, profileFor } from './profiles';
export type { TimingProfile } from './profiles';
export { processFactory } from './processes';
export { parseScenario, validateScenario, simulationInit, ScenarioError } from './scenario';
export type { Scenario } from './scenario';
export type { ProcessSpec, EtcdMemberSpec, KvWorkloadSpec, ConsoleSpec, WorkloadSetup } from './process-specs';
