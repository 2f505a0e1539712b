// etcdctl flags the console parses but that change nothing here, each given an answer
// instead of being silently ignored: certificate paths are checked against the files
// kubeadm writes (lines copied from the Kubernetes docs work, a mistyped path fails as
// etcdctl would), --user meets a cluster without auth, and the rest say they are not
// modelled.

/** The certificates and keys kubeadm puts under /etc/kubernetes/pki. */
const PKI_FILES = new Set(
  ['ca.crt', 'ca.key', 'server.crt', 'server.key', 'peer.crt', 'peer.key', 'healthcheck-client.crt', 'healthcheck-client.key']
    .map((f) => `/etc/kubernetes/pki/etcd/${f}`)
    .concat(['/etc/kubernetes/pki/apiserver-etcd-client.crt', '/etc/kubernetes/pki/apiserver-etcd-client.key']),
);

const NOT_MODELLED: Readonly<Record<string, string>> = {
  'prev-kv': 'put and del print no previous key-value here',
  'skip-hash-check': 'snapshot files here carry no hash to check',
  'command-timeout': 'the console waits a fixed time for an answer',
  'dial-timeout': 'the console waits a fixed time to connect',
  'initial-cluster-token': 'a restore here keeps the cluster token',
};

/** The answer to a flag that would be ignored, or undefined when every flag counts. */
export function etcdctlFlagAudit(flags: ReadonlyMap<string, string>): string | undefined {
  for (const name of ['cacert', 'cert', 'key']) {
    const path = flags.get(name);
    if (path !== undefined && !PKI_FILES.has(path)) return `Error: open ${path}: no such file or directory`;
  }
  if (flags.has('user') || flags.has('password')) return 'Error: etcdserver: authentication is not enabled';
  for (const [name, why] of Object.entries(NOT_MODELLED)) if (flags.has(name)) return `Error: --${name} is not available in this console: ${why}`;
  return undefined;
}
