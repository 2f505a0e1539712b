// Lessons on backing up the cluster: an etcd snapshot saved, a loss, and the restore
// (the flow src/etcd/etcdctl/snapshot-command.ts supports: `etcdutl snapshot restore`
// on the console, the simulator playing the operator on every member's host).

import { consoleLine } from './catalog-scheduling';
import { answered, etcdLeaderHost, runningApp, type Lesson, type LessonView } from './lesson';

const FILE = 'snap.db';
const hasWeb = (v: LessonView): boolean => (v.deployments ?? []).includes('default/web');

export const snapshotRestore: Lesson = {
  id: 'snapshot-restore',
  title: 'Snapshot save and restore',
  topic: 'etcdctl backups: snapshot save, snapshot status, etcdutl snapshot restore',
  query: 'masters=1&workers=2&seed=2&profile=classroom',
  intro: 'Everything Kubernetes knows is in etcd: Deployments, Pods, Nodes, Secrets. A snapshot of etcd is a backup of the whole cluster’s state. Take one, lose something, get it back.',
  steps: [
    {
      id: 'save',
      say: 'etcdctl asks one member for a copy of its whole keyspace at its current revision. The file is written where etcdctl runs, not inside etcd: a backup must outlive the cluster.',
      ask: (b) => `Save a snapshot from the member on ${b.target}: etcdctl --endpoints=https://${b.target}:2379 snapshot save ${FILE}`,
      begin: (v) => {
        const h = etcdLeaderHost(v);
        return h && hasWeb(v) && runningApp(v) >= 3 ? { target: h, term: 0 } : undefined;
      },
      done: (v) => answered(v, new RegExp(`Snapshot saved at ${FILE.replace('.', '\\.')}`)),
      showMe: (b) => [consoleLine(`etcdctl --endpoints=https://${b.target}:2379 snapshot save ${FILE}`)],
    },
    {
      id: 'status',
      say: 'A snapshot carries a hash, the revision it was taken at and the number of keys. Check a backup before you need it.',
      ask: () => `Check the file: etcdutl snapshot status ${FILE} -w table`,
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /TOTAL KEYS/),
      showMe: () => [consoleLine(`etcdutl snapshot status ${FILE} -w table`)],
    },
    {
      id: 'lose',
      say: 'Now a mistake. Deleting the Deployment deletes its ReplicaSet and its Pods too (the garbage collector follows their owner references).',
      ask: () => 'Delete the Deployment: kubectl delete deployment web. Its 3 pods stop.',
      begin: (_v, prev) => prev,
      done: (v) => !hasWeb(v) && runningApp(v) === 0,
      showMe: () => [consoleLine('kubectl delete deployment web')],
    },
    {
      id: 'restore',
      say: 'A restore builds a new data dir from the file, on every member’s host. The operator then points etcd at it and restarts etcd and the kube-apiservers. Here the console does it all: the simulator plays the operator on every host.',
      ask: () => `Restore: etcdutl snapshot restore ${FILE} --data-dir=/var/lib/etcd-from-backup`,
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /restored snapshot/),
      showMe: () => [consoleLine(`etcdutl snapshot restore ${FILE} --data-dir=/var/lib/etcd-from-backup`)],
    },
    {
      id: 'back',
      say: 'etcd restarts as a new cluster at the snapshot’s revision, with a fresh Raft log (term 1). The apiserver lists everything again, the controllers find the Deployment, the kubelets run its pods again.',
      ask: () => 'Wait for the Deployment web and its 3 pods to come back (kubectl get deploy,pods).',
      begin: (_v, prev) => prev,
      done: (v) => hasWeb(v) && runningApp(v) >= 3,
      showMe: () => [],
    },
  ],
  outro: 'A snapshot is the cluster’s state at one revision. Everything written after it is lost on restore: back up often, and keep the file off the etcd machines.',
};
