import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line';
import { dispatchConsole } from './dispatch';

describe('dispatchConsole', () => {
  it('sends kubectl to kubectl, etcdctl and etcdutl to the etcd console client', () => {
    expect(dispatchConsole('kubectl get pods')).toEqual({ process: 'kubectl', line: 'kubectl get pods' });
    expect(dispatchConsole('sudo KUBECONFIG=/etc/kubernetes/admin.conf kubectl get nodes')).toMatchObject({ process: 'kubectl' });
    expect(dispatchConsole('ETCDCTL_API=3 etcdctl member list')).toEqual({ process: 'console', line: 'ETCDCTL_API=3 etcdctl member list' });
    expect(dispatchConsole('sudo /usr/local/bin/etcdutl snapshot status /tmp/s.db')).toMatchObject({ process: 'console' });
  });
  it('answers bash\'s "command not found" for another program', () => {
    expect(dispatchConsole('kubctl get pods')).toEqual({ answer: { ok: false, error: 'bash: kubctl: command not found' } });
    expect(dispatchConsole('/opt/bin/kubctl get pods')).toEqual({ answer: { ok: false, error: 'bash: /opt/bin/kubctl: No such file or directory' } });
  });
  it('splits a heredoc into the command and its stdin; a bare manifest gets a hint', () => {
    expect(dispatchConsole('kubectl apply -f - <<EOF\nkind: X\nEOF')).toEqual({ process: 'kubectl', line: 'kubectl apply -f -', stdin: 'kind: X\n' });
    expect(dispatchConsole('kind: Pod\nmetadata: {}')).toMatchObject({ answer: { ok: false } });
  });
});

describe('parseCommandLine', () => {
  it('drops sudo, keeps NAME=value words as the environment, names the program by its base name', () => {
    const cl = parseCommandLine('sudo ETCDCTL_API=3 /usr/local/bin/etcdctl get foo');
    expect(cl.program).toBe('etcdctl');
    expect(cl.argv).toEqual(['/usr/local/bin/etcdctl', 'get', 'foo']);
    expect([...cl.env]).toEqual([['ETCDCTL_API', '3']]);
    expect(parseCommandLine('   ').program).toBeUndefined();
  });
});
