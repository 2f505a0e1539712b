// Which process on the client machine answers a console line: kubectl lines go to the
// kubectl process (through the load balancer), everything else to the etcd console
// client (etcdctl, etcdutl, and the shell's "command not found"). Lines copied from the
// docs may start with `sudo` or `KUBECONFIG=/etc/kubernetes/admin.conf`; the console is
// root with the admin's kubeconfig already, so those words are dropped for kubectl.

export function routeConsoleLine(text: string): { process: 'kubectl' | 'console'; line: string } {
  const line = text.replace(/^\s*sudo\s+/, '');
  const kube = line.replace(/^\s*([A-Za-z_]\w*=\S*\s+)*/, '');
  return /^kubectl(\s|$)/.test(kube) ? { process: 'kubectl', line: kube } : { process: 'console', line };
}
