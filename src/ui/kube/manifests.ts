// Manifests the page writes for the learner (the Workloads form, a lesson's Show me),
// as `kubectl apply -f -` reads them.

/** A Deployment as `kubectl apply -f -` reads it, with an optional nodeSelector. */
export function deploymentManifest(name: string, image: string, replicas: number, nodeSelector?: Readonly<Record<string, string>>): string {
  const sel = nodeSelector ? `      nodeSelector:\n${Object.entries(nodeSelector).map(([k, v]) => `        ${k}: "${v}"\n`).join('')}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${sel}      containers:
        - name: ${name}
          image: ${image}
          resources:
            requests: { cpu: 100m, memory: 64Mi }
`;
}
