// Label selectors (metav1.LabelSelector and the `app=web,tier!=db` text form).

import type { LabelSelector, NodeSelectorRequirement } from './types';

type Labels = Readonly<Record<string, string>> | undefined;

export function matchesLabels(selector: Readonly<Record<string, string>> | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const k in selector) if (labels?.[k] !== selector[k]) return false;
  return true;
}

function matchesRequirement(r: { key: string; operator: string; values?: string[] }, labels: Labels): boolean {
  const v = labels?.[r.key];
  switch (r.operator) {
    case 'In':
      return v !== undefined && (r.values ?? []).includes(v);
    case 'NotIn':
      return v === undefined || !(r.values ?? []).includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
      return v !== undefined && Number(v) > Number(r.values?.[0]);
    case 'Lt':
      return v !== undefined && Number(v) < Number(r.values?.[0]);
    default:
      return false;
  }
}

/** metav1.LabelSelector: matchLabels AND every matchExpression. An empty selector
 * matches everything. */
export function matchesSelector(sel: LabelSelector | undefined, labels: Labels): boolean {
  if (!sel) return true;
  if (!matchesLabels(sel.matchLabels, labels)) return false;
  return (sel.matchExpressions ?? []).every((r) => matchesRequirement(r, labels));
}

/** A node selector term: every requirement holds. */
export function matchesNodeSelectorTerm(reqs: readonly NodeSelectorRequirement[] | undefined, labels: Labels): boolean {
  return (reqs ?? []).every((r) => matchesRequirement(r, labels));
}

/** "app=web,tier=db" → { app: "web", tier: "db" }; undefined when malformed. Only
 * equality terms, which is what kubectl's -l users type most. */
export function parseSelector(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9./_-]+)\s*==?\s*([A-Za-z0-9._-]*)\s*$/.exec(part);
    if (!m) return undefined;
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** { app: "web" } → "app=web" (kubectl's SELECTOR column). */
export function formatSelector(sel: Readonly<Record<string, string>> | undefined): string {
  if (!sel || Object.keys(sel).length === 0) return '<none>';
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
