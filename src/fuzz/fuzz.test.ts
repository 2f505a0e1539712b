// Fuzzing, bounded for `npm test` (a few seconds): type-confused manifests of every
// kind through the apiserver's create path and its watch-cache decoder, and hostile
// console lines against a live cluster. Every input gets an answer; nothing crashes.
// `npm run fuzz -- --runs N` runs the long mode (src/cli/fuzz.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../kube/apiserver/cache';
import { keyOf, resourceOfKind } from '../kube/api/resources';
import { consoleInput } from './console-lines';
import { FuzzHarness } from './harness';
import { anyManifest, KINDS, mutatedManifest, schemaManifest } from './manifests';
import { strategyVerdict } from './strategy';

describe('fuzzing (bounded)', () => {
  it('the apiserver create path answers every type-confused manifest of every kind without throwing', () => {
    for (const kind of KINDS) {
      fc.assert(
        fc.property(fc.oneof(schemaManifest(kind), mutatedManifest(kind)), (m) => {
          const v = strategyVerdict(m);
          expect(v.verdict, v.detail).not.toBe('crash');
          if (v.verdict === 'error') expect(v.detail.length).toBeGreaterThan(0);
        }),
        { numRuns: 60, seed: 15 },
      );
    }
  });

  it('the watch cache decodes or skips any value stored under any kind, never throws', () => {
    fc.assert(
      fc.property(anyManifest, fc.nat(100), (m, rev) => {
        const r = resourceOfKind(String(m.kind))!;
        const kv = { key: keyOf(r, 'default', 'fz'), value: JSON.stringify(m), createRevision: 1, modRevision: rev + 1, version: 1, lease: 0 };
        const obj = decode(kv);
        // What decodes has the value structs a component reads without checking.
        if (obj && m.kind === 'Node') expect(typeof (obj as { spec?: unknown }).spec).toBe('object');
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('hostile console lines against a live cluster: every line answered, no process crashes', () => {
    const h = new FuzzHarness('stacked-1', 15);
    const inputs = fc.sample(consoleInput, { numRuns: 48, seed: 15 });
    for (let i = 0; i < inputs.length; i += 8) {
      for (const o of h.run(inputs.slice(i, i + 8))) {
        expect(o.verdict, `${o.input.line}\n${o.input.stdin ?? ''}\n${o.detail}`).not.toBe('crash');
        expect(o.verdict, o.input.line).not.toBe('unanswered');
      }
    }
  }, 60_000);
});
