// The metadata lines every kubectl describer starts with (printLabelsMultiline,
// printAnnotationsMultiline), shared by the describers of each kind.

import type { W } from './describe-unstructured';

/** "Labels:  app=web" then one `\tkey=value` line per further label, keys sorted. */
export function labelsMultiline(w: W, title: string, labels: Record<string, string> | undefined): void {
  w(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w(0, '<none>\n');
  keys.forEach((k, i) => w(0, `${i ? '\t' : ''}${k}=${labels![k]}\n`));
}

/** Annotations as `key: value`; a long or multi-line value goes below its key, each
 * line cut at 138 characters. last-applied-configuration is hidden, as kubectl does. */
export function annotationsMultiline(w: W, title: string, ann: Record<string, string> | undefined): void {
  w(0, `${title}:\t`);
  const keys = Object.keys(ann ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  if (keys.length === 0) return w(0, '<none>\n');
  keys.forEach((k, i) => {
    if (i) w(0, '\t');
    const value = ann![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > 140 || value.includes('\n')) {
      w(0, `${k}:\n`);
      for (const s of value.split('\n')) w(0, `\t  ${s.length > 138 ? `${s.slice(0, 138)}...` : s}\n`);
    } else w(0, `${k}: ${value}\n`);
  });
}
