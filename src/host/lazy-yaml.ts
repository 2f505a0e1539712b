// What `import … from 'yaml'` means inside the page's workers (vite.config.ts points the
// bare name here for the build): the same functions, calling the real `yaml` once
// loadYaml() has fetched it as a chunk of its own. The simulation cannot await an import
// in the middle of a window, so the coordinator awaits loadYaml() before it hands the
// simulation anything that parses or prints YAML (a console line, a scenario's text),
// and the worker preloads it once the cluster is up. The parser (~30 KB gzip) is then
// no part of what the page needs before the first leader is drawn. Node (tests, CLI)
// imports `yaml` itself.

type Yaml = typeof import('yaml');

let lib: Yaml | undefined;
let loading: Promise<void> | undefined;

export function loadYaml(): Promise<void> {
  loading ??= import('yaml').then((m) => {
    lib = m;
  });
  return loading;
}

function yaml(): Yaml {
  if (!lib) throw new Error('the YAML parser is still loading; try again in a moment');
  return lib;
}

export const parse: Yaml['parse'] = ((...args: Parameters<Yaml['parse']>) => yaml().parse(...args)) as Yaml['parse'];
export const parseAllDocuments: Yaml['parseAllDocuments'] = ((...args: Parameters<Yaml['parseAllDocuments']>) => yaml().parseAllDocuments(...args)) as Yaml['parseAllDocuments'];
export const stringify: Yaml['stringify'] = ((...args: Parameters<Yaml['stringify']>) => yaml().stringify(...args)) as Yaml['stringify'];
export const visit: Yaml['visit'] = ((...args: Parameters<Yaml['visit']>) => yaml().visit(...args)) as Yaml['visit'];
/** `new Document(…)`: a constructor that returns the real Document. */
export const Document = function (...args: ConstructorParameters<Yaml['Document']>) {
  return new (yaml().Document)(...args);
} as unknown as Yaml['Document'];
export const parseDocument: Yaml['parseDocument'] = ((...args: Parameters<Yaml['parseDocument']>) => yaml().parseDocument(...args)) as Yaml['parseDocument'];
export const isCollection: Yaml['isCollection'] = ((n: unknown) => yaml().isCollection(n)) as Yaml['isCollection'];
export const isMap: Yaml['isMap'] = ((n: unknown) => yaml().isMap(n)) as Yaml['isMap'];
export const isSeq: Yaml['isSeq'] = ((n: unknown) => yaml().isSeq(n)) as Yaml['isSeq'];
/** `new LineCounter()` (scenario files' line numbers): returns the real one. */
export const LineCounter = function () {
  return new (yaml().LineCounter)();
} as unknown as Yaml['LineCounter'];
