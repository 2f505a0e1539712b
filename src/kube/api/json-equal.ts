// Whether two values have the same JSON text (JSON.stringify(a) === JSON.stringify(b))
// without writing the text: the same rules as json-copy.ts (undefined, functions and
// symbols left out of objects and null in arrays, numbers that are not finite are
// null, -0 is 0, keys in JSON's order). The kubelet compares the node status it would
// post with the Node's every sync; stringifying both (images and all) was 1.6 % of an
// HA run.

const OMIT = Symbol('omit');

function norm(v: unknown): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'object':
    case 'bigint':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    default:
      return OMIT; // undefined, functions, symbols
  }
}

function plain(o: object): boolean {
  return typeof (o as { toJSON?: unknown }).toJSON !== 'function' && !(o instanceof String) && !(o instanceof Number) && !(o instanceof Boolean);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  // A bigint (JSON throws: so does this), a Date or a boxed primitive: let JSON say.
  if (typeof x === 'bigint' || typeof y === 'bigint' || (typeof x === 'object' && x !== null && !plain(x)) || (typeof y === 'object' && y !== null && !plain(y))) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ya = y as unknown[];
    if (x.length !== ya.length) return false;
    for (let i = 0; i < x.length; i++) {
      const p = norm(x[i]);
      const q = norm(ya[i]);
      if (!jsonEqual(p === OMIT ? null : p, q === OMIT ? null : q)) return false;
    }
    return true;
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const xk = Object.keys(xo);
  const yk = Object.keys(yo);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < xk.length && norm(xo[xk[i]!]) === OMIT) i++;
    while (j < yk.length && norm(yo[yk[j]!]) === OMIT) j++;
    if (i === xk.length || j === yk.length) return i === xk.length && j === yk.length;
    if (xk[i] !== yk[j] || !jsonEqual(xo[xk[i]!], yo[yk[j]!])) return false;
    i++;
    j++;
  }
}
