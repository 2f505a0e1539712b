// Random and hostile console lines: kubectl and etcdctl commands with random arguments
// and flags (numbers out of range, NaN, prototype names, quotes, unicode, empty words),
// manifests pasted below `kubectl apply -f -`, objects written straight into etcd under
// /registry/, and lines of pure noise. Words stay below a few thousand characters:
// refusing huge words quickly is the console tokenizer's business (another module).

import fc from 'fast-check';
import { anyManifest } from './manifests';
import { RESOURCE_LIST, keyOf, resourceOfKind } from '../kube/api/resources';

export interface ConsoleInput {
  /** Which family the input belongs to (the report counts per family). */
  readonly family: 'kubectl' | 'etcdctl' | 'manifest' | 'etcd-direct' | 'noise';
  readonly line: string;
  readonly stdin?: string;
}

const oddWord = fc.oneof(
  fc.constantFrom('', '-', '--', '-o', '--=', '=', '""', "''", '"', "'", '\\', '$(id)', '`id`', '*', '%s', '%n', '\u0000', 'é', '😀', '\u202e', 'NaN', 'Infinity', '-1', '0', '1e9', '1e30', '99999999999999999999', '0x10', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '<script>alert(1)</script>'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer().map(String),
  fc.nat(4000).map((n) => 'x'.repeat(n)),
);
const resource = fc.oneof(fc.constantFrom(...RESOURCE_LIST.flatMap((r) => [r.name, ...r.aliases])), fc.constantFrom('deployments.apps', 'all', 'jobs', 'Pods', 'po,svc'), oddWord);
const name = fc.oneof(fc.constantFrom('web', 'kubernetes', 'master-1', 'worker-1', 'worker-2', 'kube-system', 'default', 'kube-public', 'coredns', 'fz'), oddWord);
const kubectlFlag = fc.oneof(
  fc.constantFrom('-A', '--all-namespaces', '--force', '--now', '--ignore-daemonsets', '--show-labels', '-w', '--unknown', '-o', '-n', '--all', '--command', '--delete-emptydir-data', '--', '-- sh -c "sleep 1; exit 3"', '-- sleep 1e30'),
  fc.tuple(fc.constantFrom('-o', '-n', '-l', '--replicas', '--image', '--grace-period', '--port', '--timeout', '--from-literal', '--selector', '--output', '--schedule', '--from', '--restart'), fc.oneof(fc.constantFrom('yaml', 'json', 'wide', 'name', 'jsonpath={.items}', 'kube-system', 'app=web', '20000', '1e9', '-5', 'nginx', 'a=b', '0', '"*/1 * * * *"', '"61 * * * *"', '@hourly', 'cronjob/fz', 'cronjob/', 'Never', 'OnFailure', 'busybox:1.36'), oddWord), fc.boolean()).map(([f, v, eq]) => (eq ? `${f}=${v}` : `${f} ${v}`)),
);
const kubectlLine = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom('get', 'describe', 'delete', 'scale', 'cordon', 'uncordon', 'drain', 'run', 'create', 'version', 'cluster-info', 'logs', 'exec', 'edit', 'apply') }, { weight: 1, arbitrary: oddWord }),
    fc.array(fc.oneof(resource, name, kubectlFlag, fc.constantFrom('deployment', 'namespace', 'secret', 'generic', 'configmap', 'token', 'serviceaccount', 'job', 'cronjob')), { maxLength: 5 }),
  )
  .map(([cmd, rest]) => ({ family: 'kubectl' as const, line: ['kubectl', cmd, ...rest].join(' ') }));

const key = fc.oneof(fc.constantFrom('a', '/registry/', '/registry/pods/default/', '/registry/minions/worker-1', '/registry/namespaces/kube-system', '""', "''", '/registry/leases/kube-system/kube-scheduler', '/registry/masterleases/', '\u0000'), oddWord);
const etcdctlFlag = fc.oneof(
  fc.constantFrom('--prefix', '--keys-only', '--count-only', '--prev-kv', '--learner', '-w', '--write-out=json', '-w table', '--consistency=s', '--print-value-only'),
  fc.tuple(fc.constantFrom('--limit', '--rev', '--lease', '--endpoints', '--peer-urls', '--write-out', '--data-dir', '--command-timeout'), fc.oneof(fc.constantFrom('abc', 'NaN', '-1', '0', '3', '7fffffffffffffff', 'ffffffffffffffff', '0020000000000001', 'https://client:2380', 'https://lb:2380', 'https://etcd-9:2380', 'https://master-1:2379', 'json', 'table', 'fields', '/var/lib/etcd'), oddWord)).map(([f, v]) => `${f}=${v}`),
);
const etcdctlLine = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom('put', 'get', 'del', 'watch', 'lease grant', 'lease revoke', 'lease timetolive', 'lease keep-alive --once', 'lease list', 'member list', 'member add', 'member remove', 'member promote', 'move-leader', 'endpoint status', 'endpoint health', 'compact', 'snapshot save', 'snapshot status', 'snapshot restore', 'version', 'alarm list', 'defrag') }, { weight: 1, arbitrary: oddWord }),
    fc.array(fc.oneof(key, oddWord, etcdctlFlag, fc.constantFrom('1', '60', '1e30', '99999999999', 'snap.db', 'v', '-')), { maxLength: 4 }),
  )
  .map(([cmd, rest]) => ({ family: 'etcdctl' as const, line: ['etcdctl', cmd, ...rest].join(' ') }));

const manifestLine = fc.tuple(anyManifest, fc.constantFrom('apply', 'create'), fc.boolean()).map(([m, verb, yamlish]) => ({
  family: 'manifest' as const,
  line: `kubectl ${verb} -f -`,
  stdin: yamlish ? JSON.stringify(m, null, 1) : JSON.stringify(m),
}));

/** An object (often of the wrong shape) put straight into etcd where the apiserver
 * keeps that kind: what every informer then meets. */
const etcdDirect = anyManifest.map((m) => {
  const r = resourceOfKind(String(m.kind)) ?? RESOURCE_LIST[0]!;
  const meta = m.metadata as { name?: unknown } | null;
  const n = typeof meta?.name === 'string' && /^[a-z0-9-]{1,40}$/.test(meta.name) ? meta.name : 'fz-direct';
  // Single quotes keep the JSON one word; none may occur inside.
  return { family: 'etcd-direct' as const, line: `etcdctl put ${keyOf(r, 'default', n)} '${JSON.stringify(m).replace(/'/g, '')}'` };
});

const noise = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.array(oddWord, { maxLength: 6 }).map((w) => w.join(' '))).map((line) => ({ family: 'noise' as const, line }));

export const consoleInput: fc.Arbitrary<ConsoleInput> = fc.oneof(
  { weight: 3, arbitrary: kubectlLine },
  { weight: 3, arbitrary: etcdctlLine },
  { weight: 4, arbitrary: manifestLine },
  { weight: 2, arbitrary: etcdDirect },
  { weight: 1, arbitrary: noise },
);
