// Resource quantities ("500m", "1", "128Mi", "1G") as integers: CPU in millicores,
// everything else in bytes / units (k8s.io/apimachinery resource.Quantity, the subset
// manifests use).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A quantity's value × 1000 (so "500m" → 500, "1" → 1000, "1Ki" → 1 024 000); NaN when malformed. */
export function parseMilli(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return Math.round(q * 1000);
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix === 'm') return Math.round(n);
  return Math.round(n * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1) * 1000);
}

/** CPU in millicores ("250m" → 250, "2" → 2000). */
export function cpuMillis(q: string | number | undefined): number {
  return parseMilli(q);
}

/** Memory in bytes ("128Mi" → 134217728). */
export function bytes(q: string | number | undefined): number {
  return Math.round(parseMilli(q) / 1000);
}

export function isQuantity(q: unknown): boolean {
  return (typeof q === 'string' || typeof q === 'number') && !Number.isNaN(parseMilli(q));
}
