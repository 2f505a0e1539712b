// The ProcessFactory: process specs (plain data in a MachineSpec) → process objects.
// The in-process host and the machine workers import this same function, so a machine
// boots the same way in Node and in the browser.

import type { Process, ProcessFactory } from '../sim/process';
import type { ProcessSpec } from './process-specs';
import { ConsoleClient, EtcdMember, KvWorkloadClient } from '../etcd';
import { KubeApiserver } from '../kube/apiserver/apiserver';
import { KubeControllerManager } from '../kube/controllers/manager';
import { Kubelet } from '../kube/kubelet/kubelet';
import { KubectlProcess } from '../kube/kubectl/process';
import { LoadBalancer } from '../kube/lb/load-balancer';
import { KubeProxy } from '../kube/proxy/kube-proxy';
import { KubeScheduler } from '../kube/scheduler/scheduler';
import { CCM_PORT, CloudControllerManager } from '../kube/cloud/ccm';
import { CLOUD_PORT } from '../protocol/cloud';
import { SimCloud } from './sim-cloud';
import { Dashboard, DASHBOARD_PORT } from '../kube/dashboard/dashboard';

/** Client processes listen on their own ports on the client machine. */
const CONSOLE_PORT = 40000;
const KUBECTL_PORT = 40001;
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
      case 'kube-apiserver':
        out.push(new KubeApiserver(p, runtimeFor('kube-apiserver', 6443)));
        break;
      case 'kube-scheduler':
        out.push(new KubeScheduler(p, runtimeFor('kube-scheduler', 10259)));
        break;
      case 'kube-controller-manager':
        out.push(new KubeControllerManager(p, runtimeFor('kube-controller-manager', 10257)));
        break;
      case 'kubelet':
        out.push(new Kubelet(p, runtimeFor('kubelet', 10250)));
        break;
      case 'kube-proxy':
        out.push(new KubeProxy(p, runtimeFor('kube-proxy', 10256)));
        break;
      case 'load-balancer':
        out.push(new LoadBalancer(p, runtimeFor('haproxy', 6443)));
        break;
      case 'cloud-controller-manager':
        out.push(new CloudControllerManager(p, runtimeFor('cloud-controller-manager', CCM_PORT)));
        break;
      case 'sim-cloud':
        out.push(new SimCloud(p, runtimeFor('cloud-api', CLOUD_PORT)));
        break;
      case 'dashboard':
        out.push(new Dashboard(p, runtimeFor('dashboard', DASHBOARD_PORT)));
        break;
      case 'kubectl':
        out.push(new KubectlProcess(p, runtimeFor('kubectl', KUBECTL_PORT), KUBECTL_PORT));
        break;
      default:
        throw new Error(`${spec.name}: unknown process kind ${JSON.stringify((p as { kind?: unknown }).kind)}`);
    }
  }
  return out;
};
