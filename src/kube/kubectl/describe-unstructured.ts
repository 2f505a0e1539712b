// kubectl's generic describer for kinds without their own (Lease, Service…): every
// field of the object, sorted, with smart labels ("holderIdentity" → "Holder
// Identity"), maps and lists nested a level deeper (printUnstructuredContent).

/** kubectl's PrefixWriter: `w(level, text)` indents the text by two spaces per level. */
export type W = (level: number, text: string) => void;

/** "holderIdentity" → "Holder Identity", "apiVersion" → "API Version" (smartLabelFor);
 * a field with digits or other symbols is left as it is. */
function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[a-z]+|[A-Z]+|-+/g) ?? [];
  // "CIDRs"-style runs: the last capital of an upper run starts the next word.
  for (let i = 0; i < parts.length - 1; i++) {
    if (/^[A-Z]/.test(parts[i]!) && /^[a-z]/.test(parts[i + 1]!)) {
      parts[i + 1] = parts[i]!.slice(-1) + parts[i + 1];
      parts[i] = parts[i]!.slice(0, -1);
    }
  }
  return parts
    .filter((p) => p)
    .map((p) => (['API', 'URL', 'UID', 'OSB', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1)))
    .join(' ');
}

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const goValue = (v: unknown): string => (v === null || v === undefined ? '<nil>' : Array.isArray(v) ? `[${v.map(goValue).join(' ')}]` : String(v));

/** printUnstructuredContent: every field, sorted, maps and lists nested a level deeper. */
export function unstructured(w: W, level: number, content: Record<string, unknown>, path: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const at = `${path}.${field}`;
    if (SKIP.has(at) || value === undefined) continue;
    if (Array.isArray(value)) {
      w(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) unstructured(w, level + 1, child as Record<string, unknown>, at);
        else w(level + 1, `${goValue(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w(level, `${smartLabel(field)}:\n`);
      unstructured(w, level + 1, value as Record<string, unknown>, at);
    } else w(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}
