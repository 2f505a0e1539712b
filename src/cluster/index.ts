// The cluster layer: topologies, the process factory, the coordinator core, scenarios.
export { DEFAULT_SETUP, ETCD_SIZES, CLIENT_MACHINE, machinesFor, machineNames, etcdMembersOf, parseSetupQuery, setupErrors } from './setup';
export type { UrlSetup } from './setup';
export { PROFILES, profileFor } from './profiles';
export type { TimingProfile } from './profiles';
export { processFactory } from './processes';
export { Simulation } from './simulation';
export type { SimulationInit, CommandReply, InFlight } from './simulation';
export type { WindowPlan, WindowBatch, WindowOutputs, BootRequest, SyncMachineDriver, AsyncMachineDriver } from './window';
export { parseScenario, validateScenario, simulationInit, ScenarioError } from './scenario';
export type { Scenario } from './scenario';
export type { Fault, ScheduledFault, ChaosSpec } from './faults';
export { describeFault, LEADER_TARGETS } from './faults';
export { summarize, formatSummary } from './summary';
export type { TraceSummary } from './summary';
export { buildFrame } from './frame';
export type { ProcessSpec, EtcdMemberSpec, KvWorkloadSpec, ConsoleSpec, WorkloadSetup } from './specs';
