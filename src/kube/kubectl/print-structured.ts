// kubectl -o yaml / -o json: the object as kubectl prints what it decoded into maps
// (keys sorted at every level), in go-yaml v2's and encoding/json's dialects.

import { Document, visit } from 'yaml';

/** kubectl prints objects it decoded into maps, so every level comes out with its keys
 * sorted: encoding/json by bytes, go-yaml v2 in its own order (goYamlLess). */
function sortedKeys(v: unknown, less: (a: string, b: string) => boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => sortedKeys(x, less));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, sortedKeys(o[k], less)]));
}

const byteLess = (a: string, b: string) => a < b;

/** go-yaml v2's keyList.Less: letters by code point, a non-letter before a letter, and
 * runs of digits by their number ("a2" < "a10"). */
export function goYamlLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const letter = (c: string) => /\p{L}/u.test(c);
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = letter(ar[i]!);
    const bl = letter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    // Both start a non-letter here: compare whole digit runs as numbers.
    let ai = i;
    let bi = i;
    while (ai > 0 && digit(ar[ai - 1])) ai--;
    while (bi > 0 && digit(br[bi - 1])) bi--;
    let aEnd = i;
    let bEnd = i;
    while (digit(ar[aEnd])) aEnd++;
    while (digit(br[bEnd])) bEnd++;
    if (aEnd > ai && bEnd > bi) {
      const an = Number(ar.slice(ai, aEnd).join(''));
      const bn = Number(br.slice(bi, bEnd).join(''));
      if (an !== bn) return an < bn;
    }
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

/** Go's encoding/json, which kubectl -o json uses, indents by 4 and escapes <, > and &
 * (so "<none>" reads "\u003cnone\u003e"); those characters only occur inside strings. */
export function toJson(v: unknown): string {
  v = sortedKeys(v, byteLess);
  const esc: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
  return JSON.stringify(v, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => esc[c]!);
}

/** kubectl's YAML comes from go-yaml v2: sequences not indented under their key, a
 * string double-quoted when it would otherwise read as another YAML 1.1 type
 * (resourceVersion: "1234", creationTimestamp: "2026-...Z", "True"), single-quoted when
 * plain text cannot carry it (message: 'x: y'). Keys sorted at every level. */
export function toYaml(v: unknown): string {
  const doc = new Document(sortedKeys(v, goYamlLess), { version: '1.1' });
  const tests = doc.schema.tags.flatMap((t) => (t.tag !== 'tag:yaml.org,2002:str' && 'test' in t && t.test ? [t.test] : []));
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (node.value === '' || tests.some((re) => re.test(node.value as string)))) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true }).replace(/\n$/, '');
}
