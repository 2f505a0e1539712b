import { describe, expect, it } from 'vitest';
import { webRulesEverywhere } from './catalog-nodes';
import type { LessonView } from './lesson';
import { runLesson, smallCluster, withAnswer, withMachine, withWebRules } from './testing';

const EPS = ['10.244.1.2:80', '10.244.1.3:80', '10.244.2.2:80'];
const GET_NODES = 'NAME       STATUS   ROLES           AGE   VERSION\nmaster-1   Ready    control-plane   26s   v1.31.4\nworker-1   Ready    <none>          26s   v1.31.4';

describe('the 1 master + 2 workers tour, step by step', () => {
  it('reads the answers of kubectl, then kills the master and waits for kubectl to fail while the pods run', () => {
    const l = runLesson('small-cluster');
    let v = smallCluster({ nodes: { 'master-1': 'True', 'worker-1': 'False', 'worker-2': 'True' } });
    l.check(v);
    expect(l.baseline()).toBeUndefined(); // a node not Ready yet
    v = smallCluster();
    l.check(v);
    l.showMe();
    expect(l.lines()).toEqual(['kubectl get nodes']);
    l.check(withAnswer(v, 'No resources found'));
    expect(l.done()).toBe(false);
    v = withAnswer(v, GET_NODES);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('control-plane');
    v = withAnswer(v, 'NAME                      READY   STATUS\nkube-apiserver-master-1   1/1     Running');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('workloads');
    v = withAnswer(v, 'NAME          READY   STATUS    IP           NODE\nweb-a   1/1     Running   10.244.1.2   worker-1');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('kill-master');
    expect(l.baseline()?.target).toBe('master-1');
    l.showMe();
    expect(l.sent.at(-1)).toEqual({ type: 'kill', machine: 'master-1' });
    v = withMachine({ ...v, members: {} }, 'master-1', false);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('api-gone');
    l.check(v);
    expect(l.done()).toBe(false); // no failed answer yet
    l.check(withAnswer(v, 'Error from server: Unable to connect to the server: EOF', false));
    expect(l.done()).toBe(true);
    v = withAnswer(v, 'Error from server: Unable to connect to the server: EOF', false);

    l.next();
    expect(l.step()).toBe('boot-master');
    l.showMe();
    expect(l.sent.at(-1)).toEqual({ type: 'restart', machine: 'master-1' });
    l.check(withMachine(v, 'master-1', true)); // up, but no etcd leader yet
    expect(l.done()).toBe(false);
    l.check(smallCluster());
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });

  it('does not count a failure from before the kill', () => {
    const l = runLesson('small-cluster');
    let v = withAnswer(smallCluster(), 'error: the server doesn\'t have a resource type "pdos"', false);
    l.check(v);
    for (const answer of [GET_NODES, 'kube-apiserver-master-1', 'IP  NODE\nweb-a  10.244.1.2  worker-1']) {
      v = withAnswer(v, answer);
      l.check(v);
      expect(l.done()).toBe(true);
      l.next();
    }
    expect(l.step()).toBe('kill-master');
    v = withMachine(v, 'master-1', false);
    l.check(v);
    l.next();
    expect(l.step()).toBe('api-gone');
    l.check(v);
    expect(l.done()).toBe(false);
  });
});

describe('the node agents lesson, step by step', () => {
  it('waits for CrashLoopBackOff, kube-proxy rules on every node, the dead node dropped from them, and its return', () => {
    const l = runLesson('node-agents');
    let v = smallCluster();
    l.check(v);
    expect(l.baseline()?.target).toBe('worker-1'); // runs two of the three web pods
    l.showMe();
    expect(l.sent.at(-1)).toMatchObject({ type: 'console', line: 'kubectl apply -f -' });
    expect((l.sent.at(-1) as { stdin: string }).stdin).toContain('command: ["sh", "-c", "exit 1"]');
    v = { ...v, pods: [...v.pods, { name: 'crash-x', node: 'worker-2', running: false, terminating: false, reason: 'ContainerCreating' }] };
    l.check(v);
    expect(l.done()).toBe(false);
    v = { ...v, pods: v.pods.map((p) => (p.name === 'crash-x' ? { ...p, reason: 'CrashLoopBackOff' } : p)) };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('proxy-rules');
    l.showMe();
    expect((l.sent.at(-1) as { stdin: string }).stdin).toContain('kind: Service');
    l.check({ ...withWebRules(v, EPS), proxyRules: { ...withWebRules(v, EPS).proxyRules, 'worker-2': [] } });
    expect(l.done()).toBe(false); // one kube-proxy has not synced yet
    v = withWebRules(v, EPS);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('kill-node');
    expect(l.baseline()?.target).toBe('worker-1');
    v = withMachine(v, 'worker-1', false);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('endpoints-follow');
    l.check(v);
    expect(l.done()).toBe(false); // still Ready in the API, rules unchanged
    const notReady: LessonView = { ...v, nodes: { ...v.nodes, 'worker-1': 'Unknown' } };
    l.check(notReady);
    expect(l.done()).toBe(false); // the rules still send traffic to worker-1's pods
    v = withWebRules(notReady, ['10.244.2.2:80']);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('boot-node');
    l.showMe();
    expect(l.sent.at(-1)).toEqual({ type: 'restart', machine: 'worker-1' });
    l.check({ ...withMachine(v, 'worker-1', true), proxyRules: { ...v.proxyRules, 'worker-1': [] } });
    expect(l.done()).toBe(false); // not Ready yet
    l.check(withWebRules(smallCluster(), EPS));
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });

  it('reads kube-proxy rules of live machines only, and needs every one to agree', () => {
    const v = withWebRules(smallCluster(), EPS);
    expect(webRulesEverywhere(v, 3)).toBe(true);
    expect(webRulesEverywhere(v, 2)).toBe(false);
    expect(webRulesEverywhere(v, 3, 'worker-1')).toBe(false); // two endpoints in 10.244.1.0/24
    expect(webRulesEverywhere(withMachine({ ...v, proxyRules: { ...v.proxyRules, 'worker-2': [] } }, 'worker-2', false), 3)).toBe(true);
    expect(webRulesEverywhere({ ...v, proxyRules: {} }, 0)).toBe(false); // no kube-proxy at all
  });
});

describe('the pod network lesson, step by step', () => {
  it('checks the node’s own CIDR, its route on the overlay, the pod IPs, a pod’s why-table, the Service’s rules and shape, its endpoints, and a replacement', () => {
    const l = runLesson('pod-network');
    let v = smallCluster({ overlays: { routes: false, services: false }, inspectedPod: null });
    l.check(v);
    expect(l.baseline()?.target).toBe('worker-1');
    expect(l.baseline()?.ring).toEqual(['cidr-worker-1']);
    l.showMe();
    expect(l.lines()).toEqual(['kubectl describe node worker-1']);
    l.check(withAnswer(v, 'Name: worker-2\nPodCIDR:                      10.244.2.0/24'));
    expect(l.done()).toBe(false); // another node's CIDR
    v = withAnswer(v, 'Name: worker-1\nPodCIDR:                      10.244.1.0/24');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('routes');
    expect(l.baseline()).toMatchObject({ target: 'worker-1', ring: ['overlay-network', 'route-worker-1'] });
    l.check(v);
    expect(l.done()).toBe(false);
    l.check({ ...v, overlays: { routes: false, services: true } });
    expect(l.done()).toBe(false); // the other overlay
    l.showMe();
    expect(l.pageActions()).toEqual([{ type: 'page', overlay: 'routes' }]);
    v = { ...v, overlays: { routes: true, services: false } };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('pod-ips');
    l.check(withAnswer(v, 'NAME    READY   STATUS\nweb-a   1/1     Running'));
    expect(l.done()).toBe(false); // no -o wide
    v = withAnswer(v, 'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE\nweb-a   1/1     Running   0          27s   10.244.1.2   worker-1');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('why');
    expect(l.baseline()).toMatchObject({ target: 'worker-1', ring: ['why-row-worker-1', 'pod-default-web-a'] });
    l.check({ ...v, inspectedPod: 'kube-system/coredns-1' });
    expect(l.done()).toBe(false); // not a web pod
    l.showMe();
    expect(l.pageActions().at(-1)).toEqual({ type: 'page', inspectPod: 'default/web-a' });
    v = { ...v, inspectedPod: 'default/web-a' };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('service');
    expect(l.baseline()?.ring).toBeUndefined();
    l.check(v);
    expect(l.done()).toBe(false);
    v = withWebRules(v, EPS);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('services-overlay');
    expect(l.baseline()?.ring).toEqual(['overlay-services', 'service-default-web']);
    l.check(v);
    expect(l.done()).toBe(false);
    l.showMe();
    expect(l.pageActions().at(-1)).toEqual({ type: 'page', overlay: 'services' });
    v = { ...v, overlays: { routes: true, services: true } };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('endpoints');
    v = withAnswer(v, 'NAME        ADDRESSTYPE   PORTS   ENDPOINTS                          AGE\nweb-v2hsc   IPv4          80      10.244.1.2,10.244.1.3,10.244.2.3   31s');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('new-ip');
    expect(l.baseline()?.target).toBe('web-a');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl delete pod web-a');
    const replaced = { ...v, pods: [...v.pods.filter((p) => p.name !== 'web-a'), { name: 'web-d', node: 'worker-2', running: true, terminating: false }] };
    l.check({ ...replaced, pods: [...replaced.pods, { name: 'web-a', node: 'worker-1', running: false, terminating: true }] });
    expect(l.done()).toBe(false); // the old pod is still terminating
    l.check(replaced);
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });
});
