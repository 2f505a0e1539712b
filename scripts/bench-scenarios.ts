// The benchmarks' Kubernetes scenario as text: bench-sim.ts parses it with this
// checkout's src, scale-run.ts with another checkout's (--root), so the text is shared
// and the parser is not.

/** 3 stacked masters, `workers` workers and one Deployment of `replicas` nginx pods. */
export function kubeScenarioText(workers: number, replicas: number, seconds: number): string {
  return `
name: bench-kube
seed: 1
until: ${seconds}s
topology: { etcd: stacked, masters: 3, workers: ${workers} }
network: { latency: 2ms..10ms }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: ${replicas}, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
`;
}
