// The ProcessFactory: process specs (plain data in a MachineSpec) → process objects.
// The in-process host and the machine workers import this same function, so a machine
// boots the same way in Node and in the browser.

import type { Process, ProcessFactory } from '../sim/process';
import type { ProcessSpec } from './specs';
import { ConsoleClient, EtcdMember, KvWorkloadClient } from '../etcd';

/** Client processes listen on their own ports on the client machine. */
const CONSOLE_PORT = 40000;
const WORKLOAD_PORT_BASE = 40100;

export const processFactory: ProcessFactory = (spec, runtimeFor) => {
  const out: Process[] = [];
  for (const p of spec.processes as ProcessSpec[]) {
    switch (p.kind) {
      case 'etcd':
        out.push(new EtcdMember(p, runtimeFor('etcd', 2380)));
        break;
      case 'kv-workload': {
        const port = WORKLOAD_PORT_BASE + Number(/\d+$/.exec(p.name)?.[0] ?? 0);
        out.push(new KvWorkloadClient(p, runtimeFor(p.name, port), port));
        break;
      }
      case 'console':
        out.push(new ConsoleClient(p, runtimeFor('console', CONSOLE_PORT), CONSOLE_PORT));
        break;
      default:
        throw new Error(`${spec.name}: unknown process kind ${JSON.stringify((p as { kind?: unknown }).kind)}`);
    }
  }
  return out;
};
