// Whether a plain data object is already what JSON.parse(JSON.stringify(v)) would give
// back, key for key (json-copy.ts lists what the round trip changes: keys whose value is
// undefined, a function or a symbol; numbers that are not finite, and -0; holes in
// arrays; objects that are not plain (a Date, a class instance, anything with toJSON);
// an own "__proto__" key, which JSON.parse makes an own property). Such a value can
// stand for its own JSON's parse: the watch cache shares the object an apiserver wrote
// instead of parsing the text it stored (cache.ts). A walk that allocates nothing; the
// caller parses when the answer is no.

export function jsonFaithful(v: unknown): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      // Finite and not -0 (JSON writes -0 as 0).
      return Number.isFinite(v) && (v !== 0 || 1 / v > 0);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      // A hole reads as undefined, which is refused: JSON writes it as null.
      if (!jsonFaithful(v[i])) return false;
    }
    return Object.getPrototypeOf(v) === Array.prototype;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  const o = v as Record<string, unknown>;
  if ('toJSON' in o) return false;
  for (const k in o) {
    // for…in on a plain object: its own enumerable keys (Object.prototype has none).
    if (k === '__proto__' || !jsonFaithful(o[k])) return false;
  }
  return true;
}
