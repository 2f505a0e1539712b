// Workloads: each Deployment with its ready count and − / + to scale it, the CronJobs
// with a countdown to their next run, the Jobs with kubectl's STATUS and COMPLETIONS, and a small form that creates a
// Deployment (optionally with a nodeSelector such as disk=ssd). All of it is kubectl
// underneath, sent through the console's path, and the answer shown.

import { useState } from 'react';
import { MAX_PODS } from '../../protocol/cluster-setup';
import { apiSummary } from '../kube/api-view';
import { deploymentManifest } from '../kube/manifests';
import { useLabApi } from '../lab';
import { useLab } from '../store/store';

/** The manifest the form creates: `selector` is the form's `key=value`. */
export function deploymentYaml(name: string, image: string, replicas: number, selector: string): string {
  const sel = selector.trim();
  const [k, v] = sel.split('=').map((x) => x.trim());
  return deploymentManifest(name, image, replicas, sel && k ? { [k]: v ?? '' } : undefined);
}

export function Workloads() {
  const lab = useLabApi();
  const deployments = useLab((s) => apiSummary(s.machines).deployments);
  const jobs = useLab((s) => apiSummary(s.machines).jobs);
  const cronjobs = useLab((s) => apiSummary(s.machines).cronjobs);
  const kube = useLab((s) => s.machineNames.includes('lb'));
  const [name, setName] = useState('web');
  const [image, setImage] = useState('nginx:1.27');
  const [replicas, setReplicas] = useState('3');
  const [selector, setSelector] = useState('');
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  if (!kube) return null;

  const run = async (line: string, stdin?: string) => {
    const r = await lab.request({ type: 'console', line, ...(stdin !== undefined ? { stdin } : {}) });
    setAnswer(r.ok ? { ok: true, text: r.output } : { ok: false, text: r.error });
  };
  const scale = (n: string, to: number) => void run(`kubectl scale deployment ${n} --replicas=${Math.max(0, to)}`);

  return (
    <section className="workloads panel" aria-label="workloads">
      <h2>Workloads</h2>
      {deployments.length === 0 && <p className="muted">No Deployments yet: create one below.</p>}
      {deployments.map((d) => (
        <div key={`${d.namespace}/${d.name}`} className="deploy-row" data-testid={`deployment-${d.name}`}>
          <span className="deploy-name">{d.name}</span>
          <span className={`deploy-ready ${d.ready >= d.replicas ? 'ok' : 'short'}`}>{d.ready}/{d.replicas} ready</span>
          {d.paused && (
            <span className="deploy-paused" data-testid={`deployment-paused-${d.name}`} title="kubectl rollout pause: a changed template rolls nothing out until kubectl rollout resume">
              paused
            </span>
          )}
          <button type="button" data-testid={`scale-down-${d.name}`} aria-label={`scale ${d.name} down`} onClick={() => scale(d.name, d.replicas - 1)} disabled={d.replicas === 0}>−</button>
          <button type="button" data-testid={`scale-up-${d.name}`} aria-label={`scale ${d.name} up`} onClick={() => scale(d.name, d.replicas + 1)}>+</button>
        </div>
      ))}
      {cronjobs && cronjobs.length > 0 && <h3 className="workloads-sub">CronJobs</h3>}
      {cronjobs?.map((cj) => (
        <div key={`${cj.namespace}/${cj.name}`} className="deploy-row" data-testid={`cronjob-${cj.name}`}>
          <span className="deploy-name">{cj.name}</span>
          <code className="cron-schedule">{cj.schedule}</code>
          <span className="muted">{cj.suspend ? 'suspended' : `${cj.active} active`}</span>
          {cj.nextScheduleMs !== undefined && <CronCountdown name={cj.name} atMs={cj.nextScheduleMs} />}
        </div>
      ))}
      {jobs && jobs.length > 0 && <h3 className="workloads-sub">Jobs</h3>}
      {jobs?.map((j) => (
        <div key={`${j.namespace}/${j.name}`} className="deploy-row" data-testid={`job-${j.name}`} data-status={j.status}>
          <span className="deploy-name">{j.name}</span>
          <span className={`job-status job-${j.status.toLowerCase()}`}>{j.status === 'Complete' ? '✓ ' : j.status === 'Failed' ? '✗ ' : ''}{j.status}</span>
          <span className="muted">{j.completions} done{j.active > 0 ? `, ${j.active} running` : ''}</span>
        </div>
      ))}
      <form
        className="deploy-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(replicas);
          if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return setAnswer({ ok: false, text: `name: "${name}" must be lowercase letters, digits and '-' (a DNS-1123 label)` });
          if (!Number.isInteger(n) || n < 0 || n > MAX_PODS) return setAnswer({ ok: false, text: `replicas: expected a whole number from 0 to ${MAX_PODS}, got "${replicas}"` });
          if (selector.trim() && !/^[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*$/.test(selector.trim())) return setAnswer({ ok: false, text: `nodeSelector: expected key=value such as disk=ssd, got "${selector}"` });
          void run('kubectl apply -f -', deploymentYaml(name, image.trim() || 'nginx:1.27', n, selector));
        }}
      >
        <label>name <input data-testid="deploy-name" value={name} onChange={(e) => setName(e.target.value)} size={8} /></label>
        <label>image <input data-testid="deploy-image" value={image} onChange={(e) => setImage(e.target.value)} size={10} /></label>
        <label>replicas <input data-testid="deploy-replicas" value={replicas} onChange={(e) => setReplicas(e.target.value)} size={2} inputMode="numeric" /></label>
        <label>nodeSelector <input data-testid="deploy-selector" value={selector} placeholder="disk=ssd" onChange={(e) => setSelector(e.target.value)} size={8} /></label>
        <button type="submit" data-testid="create-deployment">Create deployment</button>
      </form>
      {answer && <pre className={`workload-answer ${answer.ok ? 'ok' : 'err'}`} data-testid="workload-answer" tabIndex={0} role="status" aria-label="answer">{answer.text}</pre>}
    </section>
  );
}

/** A CronJob's next run, counted down (whole seconds, so one render a second at most). */
function CronCountdown({ name, atMs }: { name: string; atMs: number }) {
  const left = useLab((s) => Math.max(0, Math.ceil((atMs - s.now) / 1000)));
  return (
    <span className="countdown" data-testid={`countdown-cronjob-${name}`} data-left={left} title="the cronjob controller creates the next Job at this scheduled minute (the cluster's clock, UTC)">
      {left > 0 ? `next run in ${left} s` : 'next run now'}
    </span>
  );
}
