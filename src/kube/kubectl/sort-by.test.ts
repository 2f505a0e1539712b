// --sort-by as kubectl's sorter orders a list: paths in the four relaxed forms, missing
// fields first, numbers and quantities by value, names in natural order.

import { describe, expect, it } from 'vitest';
import { naturalLess, parseSortPath, sortByPath } from './sort-by';

const names = (r: { items: { n: string }[] } | { error: string }) => ('error' in r ? r.error : r.items.map((i) => i.n));

describe('kubectl --sort-by', () => {
  it('takes .a.b, a.b, {.a.b} and {a.b} as the same path; refuses other shapes in kubectl\'s words', () => {
    for (const p of ['.metadata.name', 'metadata.name', '{.metadata.name}', '{metadata.name}']) expect(parseSortPath(p)).toEqual({ path: '{.metadata.name}', steps: ['metadata', 'name'] });
    expect(parseSortPath('{.a}{.b}')).toEqual({ error: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" });
    expect(parseSortPath('.status.containerStatuses[0].restartCount')).toEqual({ path: '{.status.containerStatuses[0].restartCount}', steps: ['status', 'containerStatuses', 0, 'restartCount'] });
    expect(parseSortPath('.metadata.labels.app\\.kubernetes\\.io/name')).toMatchObject({ steps: ['metadata', 'labels', 'app.kubernetes.io/name'] });
    expect(parseSortPath('.items[*].metadata.name')).toMatchObject({ error: expect.stringContaining('not by JSONPath wildcards') });
  });

  it('sorts numbers and quantities by value and strings in natural order', () => {
    const items = [{ n: 'web-10', r: 3, q: '100Mi' }, { n: 'web-9', r: 12, q: '40Mi' }, { n: 'web-1', r: 0, q: '1Gi' }];
    expect(names(sortByPath(items, '.n'))).toEqual(['web-1', 'web-9', 'web-10']);
    expect(names(sortByPath(items, '.r'))).toEqual(['web-1', 'web-10', 'web-9']);
    expect(names(sortByPath(items, '.q'))).toEqual(['web-9', 'web-10', 'web-1']);
    expect(naturalLess('a2', 'a10')).toBe(true);
    expect(naturalLess('a10', 'a2')).toBe(false);
  });

  it('timestamps in time order; objects without the field first, in their listed order', () => {
    const items = [{ n: 'c', t: '2026-12-07T10:00:05Z' }, { n: 'a' }, { n: 'b', t: '2026-12-07T09:59:59Z' }, { n: 'd', t: '' }];
    expect(names(sortByPath(items, '{.t}'))).toEqual(['a', 'd', 'b', 'c']);
  });

  it('refuses a field no object has, and a field holding an object', () => {
    expect(names(sortByPath([{ n: 'a' }], '.spec.nodeName'))).toBe('error: couldn\'t find any field with path "{.spec.nodeName}" in the list of objects');
    expect(names(sortByPath([{ n: 'a', m: { x: 1 } }], '.m'))).toMatch(/holds an object/);
  });
});
