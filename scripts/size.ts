// `npm run size [-- --modules N]`: the built app's JavaScript, gzip -9, split into what
// the page fetches before the first leader is drawn (the page's entry, the page itself
// (src/main.tsx, which the entry imports at once) and their static imports, the
// coordinator worker and its static imports) and what it fetches later
// (lazy chunks, the verdict worker, the machine worker of `?isolation=worker`).
// What counts as "before the first leader" (issue 14's "initial JS"): everything the
// browser must fetch before an etcd leader can be drawn. That is the page's code that
// draws it (React DOM, the store, the graph's first paint and the panels rendered at
// once; React Flow with d3 is a lazy chunk the first paint does not wait for) and the whole simulation in the coordinator worker: every process of every
// machine, Kubernetes included, runs from the cluster's first window, so the leader (an
// etcd fact) cannot be computed before that code is there. Chunks fetched only later
// (a console line, a lesson, a scenario's text, a switch) do not count; a chunk the
// first leader waits for would, even if it is imported dynamically.
// `--modules N` lists each chunk's N largest source modules (bytes before minification,
// and those bytes gzipped alone), to see what a chunk is made of. `--max KB` exits with
// status 1 when what comes before the first leader is over KB (for a merge or CI check). Builds into a folder of its own (dist-size), so a running
// preview of dist/ is left alone.

import { rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';

const args = process.argv.slice(2);
const modulesFlag = args.indexOf('--modules');
const TOP_MODULES = modulesFlag >= 0 ? Number(args[modulesFlag + 1] ?? 12) : 0;
/** `--minify esbuild|oxc|terser` and `--target esnext|…` try other settings than vite.config.ts's. */
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const MINIFY = option('--minify') as 'esbuild' | 'oxc' | 'terser' | undefined;
const TARGET = option('--target');
const MAX_KB = option('--max') === undefined ? undefined : Number(option('--max'));
if (MAX_KB !== undefined && !(MAX_KB > 0)) {
  console.error(`--max wants a size in KB, like --max 200; got "${option('--max')}"`);
  process.exit(2);
}
const OUT_DIR = 'dist-size';
/** The worker chunks the page needs before its first leader (the verdict worker and the
 * machine worker are started later, or only on request). */
const INITIAL_WORKERS = [/^coordinator\.worker/];

interface ChunkInfo {
  readonly build: 'page' | 'worker';
  readonly name: string;
  readonly isEntry: boolean;
  /** The page itself, which the entry (src/boot.ts) imports at once. */
  readonly isPage: boolean;
  readonly gzip: number;
  readonly raw: number;
  readonly imports: readonly string[];
  /** Source module, bytes in the chunk before minification, and those bytes gzipped on
   * their own (an over-estimate of what the module adds to the chunk's gzip, but it
   * ranks modules by what they cost better than raw bytes do). */
  readonly modules: readonly (readonly [string, number, number])[];
}

const chunks = new Map<string, ChunkInfo>();

function collect(kind: 'page' | 'worker'): Plugin {
  return {
    name: 'size-report',
    generateBundle(_options, bundle) {
      for (const [file, c] of Object.entries(bundle)) {
        if (c.type !== 'chunk') continue;
        const modules = Object.entries(c.modules)
          .map(([id, m]) => [id.replace(/^.*node_modules\//, '').replace(`${process.cwd()}/`, ''), m.renderedLength, m.code ? gzipSync(m.code, { level: 9 }).length : 0] as const)
          .sort((a, b) => b[1] - a[1]);
        chunks.set(file.replace(/^assets\//, ''), {
          build: kind,
          name: file.replace(/^assets\//, ''),
          isEntry: c.isEntry,
          isPage: c.facadeModuleId?.endsWith('/src/main.tsx') ?? false,
          gzip: gzipSync(c.code, { level: 9 }).length,
          raw: c.code.length,
          imports: c.imports.map((i) => i.replace(/^assets\//, '')),
          modules,
        });
      }
    },
  };
}

/** A chunk and everything it imports statically. */
function closure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const i of chunks.get(n)?.imports ?? []) visit(i);
  };
  for (const n of names) visit(n);
  return seen;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

await build({
  logLevel: 'warn',
  plugins: [collect('page')],
  worker: { format: 'es', plugins: () => [collect('worker')] },
  build: { outDir: OUT_DIR, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 10_000, ...(MINIFY ? { minify: MINIFY } : {}), ...(TARGET ? { target: TARGET } : {}) },
});
rmSync(OUT_DIR, { recursive: true, force: true });

const pageEntries = [...chunks.values()].filter((c) => c.build === 'page' && (c.isEntry || c.isPage)).map((c) => c.name);
const workerEntries = [...chunks.values()].filter((c) => c.build === 'worker' && INITIAL_WORKERS.some((re) => re.test(c.name))).map((c) => c.name);
const initial = closure([...pageEntries, ...workerEntries]);
const sum = (set: Iterable<string>) => [...set].reduce((s, n) => s + (chunks.get(n)?.gzip ?? 0), 0);

console.log('before the first leader (gzip -9):');
for (const n of [...initial].sort((a, b) => chunks.get(b)!.gzip - chunks.get(a)!.gzip)) console.log(`  ${kb(chunks.get(n)!.gzip).padStart(9)}  ${n}`);
console.log(`  ${kb(sum(initial)).padStart(9)}  total (goal ≤ 200 KB)`);
console.log('later or on request:');
const later = [...chunks.values()].filter((c) => !initial.has(c.name)).sort((a, b) => b.gzip - a.gzip);
for (const c of later) console.log(`  ${kb(c.gzip).padStart(9)}  ${c.name}`);
console.log(`  ${kb(later.reduce((s, c) => s + c.gzip, 0)).padStart(9)}  total`);
if (TOP_MODULES > 0) {
  for (const c of [...chunks.values()].sort((a, b) => b.gzip - a.gzip)) {
    console.log(`\n${c.name} (${kb(c.raw)} minified, ${kb(c.gzip)} gzip):`);
    for (const [id, n, z] of c.modules.slice(0, TOP_MODULES)) console.log(`  ${kb(n).padStart(9)} ${`(${kb(z)} gzip)`.padStart(14)}  ${id}`);
  }
}
if (MAX_KB !== undefined && sum(initial) / 1024 > MAX_KB) {
  console.error(`\nbefore the first leader: ${kb(sum(initial))}, over --max ${MAX_KB} KB`);
  process.exitCode = 1;
}
