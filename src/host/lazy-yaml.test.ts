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
