import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
const [prof, kind, filter] = process.argv.slice(2);
const p = JSON.parse(readFileSync(prof, 'utf8'));
const acc = new Map();
if (kind === 'heap') {
  const walk = (n) => { const u = n.callFrame.url; if (u.includes(filter)) { const k = `${u}|${n.callFrame.columnNumber}|${n.callFrame.functionName}`; acc.set(k, (acc.get(k) ?? 0) + n.selfSize / 2 ** 20); } n.children.forEach(walk); };
  walk(p.head);
} else {
  const s = new Map(); for (const x of p.samples) s.set(x, (s.get(x) ?? 0) + 1);
  for (const n of p.nodes) { const u = n.callFrame.url; if (!u.includes(filter)) continue; const k = `${u}|${n.callFrame.columnNumber}|${n.callFrame.functionName}`; acc.set(k, (acc.get(k) ?? 0) + 100 * (s.get(n.id) ?? 0) / p.samples.length); }
}
const code = new Map();
for (const [k, v] of [...acc].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  const [u, col, fn] = k.split('|');
  const file = u.replace('file://', '');
  if (!code.has(file)) code.set(file, transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', minifyWhitespace: true, keepNames: true, target: 'node20' }).code.split('\n')[0]);
  console.log(v.toFixed(2).padStart(6), file.replace(/.*\/src\//, ''), fn, '|', code.get(file).slice(Number(col), Number(col) + 110));
}
