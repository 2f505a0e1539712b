// The simulated cloud provider (`topology.cloud: sim`): the API of the cloud the
// machines run in, as one process on the `cloud` machine. Every master, worker and
// etcd host is an instance with a provider ID (`sim://<zone>/<name>`), addresses and
// an instance type; the cloud also keeps load balancers (an external IP per Service)
// and a route table (a pod CIDR → the instance that holds it). The
// cloud-controller-manager reaches it over the simulated network (src/kube/cloud).
//
// Terminating an instance is the cloud's business, not the machine's: the coordinator's
// `terminate` fault stops the machine for good and tells this process, which answers
// "no such instance" from then on. Its state is on its disk, so a restarted cloud
// machine remembers what it terminated and which IPs it gave out.

import type { Packet } from '../sim/packet';
import type { Process, Runtime } from '../sim/process';
import { CLOUD_PORT, CLOUD_REGION, PROVIDER_SCHEME, type CloudAnswer, type CloudCall, type CloudRequest, type CloudRoute, type CloudView, type InstanceMetadata } from '../protocol/cloud';

export interface SimCloudInstance {
  readonly name: string;
  readonly zone: string;
  readonly instanceType: string;
  readonly internalIP: string;
  readonly externalIP: string;
}

export interface SimCloudSpec {
  readonly kind: 'sim-cloud';
  readonly instances: readonly SimCloudInstance[];
}

/** The coordinator's command to this process when an instance is terminated. */
export interface TerminateCommand {
  readonly terminate: string;
}

interface CloudState {
  terminated: string[];
  /** Service (`ns/name`) → its load balancer. */
  lbs: { service: string; ip: string; nodes: string[] }[];
  routes: CloudRoute[];
  /** The last load balancer IP handed out (198.51.100.0/24, TEST-NET-2). */
  lastLbIp: number;
}

const STATE_KEY = 'sim-cloud/state';

export class SimCloud implements Process {
  readonly name = 'cloud-api';
  readonly ports = [CLOUD_PORT];
  private readonly state: CloudState;

  constructor(
    private readonly spec: SimCloudSpec,
    private readonly rt: Runtime,
  ) {
    this.state = rt.disk.get<CloudState>(STATE_KEY) ?? { terminated: [], lbs: [], routes: [], lastLbIp: 0 };
  }

  receive(packet: Packet): void {
    if (packet.kind !== 'cloud.request') return;
    const req = packet.body as CloudRequest;
    const answer = this.answer(req);
    this.rt.send(packet.src, 'cloud.response', { ...answer, reqId: req.reqId });
  }

  tick(): void {}

  command(id: number, command: unknown): void {
    const name = (command as Partial<TerminateCommand>).terminate;
    if (typeof name !== 'string' || !this.instance(name)) return this.rt.reply(id, { ok: false, error: `no instance named ${String(name)}` });
    if (!this.state.terminated.includes(name)) this.state.terminated.push(name);
    // A terminated instance leaves every load balancer's pool and the route table.
    for (const lb of this.state.lbs) lb.nodes = lb.nodes.filter((n) => n !== name);
    this.save();
    this.rt.reply(id, { ok: true, output: `instance ${name} terminated` });
  }

  private answer(c: CloudCall): CloudAnswer {
    switch (c.op) {
      case 'instance-metadata': {
        const i = this.live(c.node);
        return i ? { ok: true, metadata: metadataOf(i) } : { ok: false, error: `instance not found: ${c.node}`, notFound: true };
      }
      case 'instance-exists': {
        const name = c.providerID.slice(c.providerID.lastIndexOf('/') + 1);
        return { ok: true, exists: c.providerID.startsWith(PROVIDER_SCHEME) && this.live(name) !== undefined };
      }
      case 'ensure-lb': {
        const nodes = c.nodes.filter((n) => this.live(n)).sort();
        let lb = this.state.lbs.find((l) => l.service === c.service);
        if (!lb) {
          this.state.lastLbIp++;
          lb = { service: c.service, ip: `198.51.100.${this.state.lastLbIp}`, nodes };
          this.state.lbs.push(lb);
        } else lb.nodes = nodes;
        this.save();
        return { ok: true, ip: lb.ip };
      }
      case 'delete-lb':
        this.state.lbs = this.state.lbs.filter((l) => l.service !== c.service);
        this.save();
        return { ok: true };
      case 'list-routes':
        return { ok: true, routes: this.state.routes };
      case 'create-route':
        if (!this.live(c.node)) return { ok: false, error: `instance not found: ${c.node}`, notFound: true };
        this.state.routes = [...this.state.routes.filter((r) => r.node !== c.node), { node: c.node, destinationCIDR: c.cidr }].sort((a, b) => (a.node < b.node ? -1 : 1));
        this.save();
        return { ok: true };
      case 'delete-route':
        this.state.routes = this.state.routes.filter((r) => r.node !== c.node);
        this.save();
        return { ok: true };
    }
  }

  private instance(name: string): SimCloudInstance | undefined {
    return this.spec.instances.find((i) => i.name === name);
  }

  private live(name: string): SimCloudInstance | undefined {
    return this.state.terminated.includes(name) ? undefined : this.instance(name);
  }

  private save(): void {
    this.rt.disk.put(STATE_KEY, structuredCloneState(this.state));
  }

  view(): CloudView {
    return {
      kind: 'cloud',
      region: CLOUD_REGION,
      instances: this.spec.instances.map((i) => ({ name: i.name, providerID: providerIdOf(i), zone: i.zone, instanceType: i.instanceType, internalIP: i.internalIP, externalIP: i.externalIP, state: this.state.terminated.includes(i.name) ? 'terminated' : 'running' })),
      loadBalancers: this.state.lbs.map((l) => ({ service: l.service, ip: l.ip, nodes: [...l.nodes] })),
      routes: this.state.routes,
    };
  }
}

export function providerIdOf(i: SimCloudInstance): string {
  return `${PROVIDER_SCHEME}${i.zone}/${i.name}`;
}

function metadataOf(i: SimCloudInstance): InstanceMetadata {
  return {
    providerID: providerIdOf(i),
    instanceType: i.instanceType,
    nodeAddresses: [
      { type: 'InternalIP', address: i.internalIP },
      { type: 'ExternalIP', address: i.externalIP },
      { type: 'Hostname', address: i.name },
    ],
    zone: i.zone,
    region: CLOUD_REGION,
  };
}

/** The disk keeps a copy, not the live object (a later change must not reach it unsaved). */
function structuredCloneState(s: CloudState): CloudState {
  return { terminated: [...s.terminated], lbs: s.lbs.map((l) => ({ ...l, nodes: [...l.nodes] })), routes: [...s.routes], lastLbIp: s.lastLbIp };
}
