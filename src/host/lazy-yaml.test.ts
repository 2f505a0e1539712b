// The workers' stand-in for `yaml`: a clear error before it is loaded, the real functions after.

import { expect, it } from 'vitest';
import * as real from 'yaml';
import { Document, loadYaml, parse, parseAllDocuments, stringify, visit } from './lazy-yaml';

it('refuses with a clear message until loaded, then behaves as yaml itself', async () => {
  expect(() => parse('a: 1')).toThrow('the YAML parser is still loading; try again in a moment');
  await loadYaml();
  expect(parse('a: [1, 2]')).toEqual({ a: [1, 2] });
  expect(parseAllDocuments('a: 1\n---\nb: 2\n')).toHaveLength(2);
  expect(stringify({ a: 1 })).toBe('a: 1\n');
  const doc = new Document({ b: 'x' }, { version: '1.1' });
  expect(doc).toBeInstanceOf(real.Document);
  let scalars = 0;
  visit(doc, { Scalar: () => void scalars++ });
  expect(scalars).toBe(2);
  expect(doc.toString()).toBe('b: x\n');
});

it('stands in for every name the sources import from yaml (a missing one breaks only the build)', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const lazy = await import('./lazy-yaml');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !p.endsWith('lazy-yaml.ts')) files.push(p);
    }
  };
  walk(new URL('..', import.meta.url).pathname);
  const wanted = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'yaml'/g)) {
      if (m[1]) continue; // types only
      for (const part of m[2]!.split(',')) {
        const t = part.trim();
        if (!t || t.startsWith('type ')) continue;
        wanted.add(t.split(/\s+as\s+/)[0]!);
      }
    }
  }
  expect(wanted.size).toBeGreaterThan(3);
  const missing = [...wanted].filter((n) => !(n in lazy));
  expect(missing).toEqual([]);
  await loadYaml();
  const lc = new lazy.LineCounter();
  const d = lazy.parseDocument('a: [1]\n', { lineCounter: lc });
  expect(lazy.isMap(d.contents)).toBe(true);
  expect(lc.linePos(3).line).toBe(1);
});
