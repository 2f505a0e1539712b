// kubectl's `kind.group/name` (`-o name`, "deployment.apps/web created"). Apart from
// print.ts because applying a scenario's manifests at boot needs only this (apply.ts),
// and the printers load with the console in the page (issue 14).

import type { ResourceInfo } from '../api/resources';

export function qualifiedName(resource: ResourceInfo, name: string): string {
  const slash = resource.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : `.${resource.apiVersion.slice(0, slash)}`;
  return `${resource.kind.toLowerCase()}${group}/${name}`;
}
