// Which flags each kubectl command takes. The console's one flag parser (env.ts) knows
// every flag any command here uses; this table says which of them a command reads, so
// no flag is accepted and then ignored. A flag the command does not have in kubectl
// either is refused with kubectl's own text (pflag's "unknown flag" / "unknown
// shorthand flag" and the command's help hint); a real flag of that command that this
// console does not model says so.

/** Flags every command takes (kubectl's global flags). */
const GLOBAL = ['namespace'];

/** Command (or `create <generator>`) → the stored flag names it reads. */
const READS: Readonly<Record<string, readonly string[]>> = {
  get: ['output', 'selector', 'all-namespaces', 'show-labels', 'watch', 'sort-by', 'field-selector'],
  describe: ['selector', 'all-namespaces'],
  apply: ['filename'],
  create: ['filename'],
  'create deployment': ['image', 'replicas', 'port'],
  'create deploy': ['image', 'replicas', 'port'],
  'create job': ['image', 'from'],
  'create cronjob': ['image', 'schedule', 'restart'],
  'create cj': ['image', 'schedule', 'restart'],
  'create secret': ['from-literal'],
  'create configmap': ['from-literal'],
  'create cm': ['from-literal'],
  'create token': ['duration'],
  'create serviceaccount': [],
  'create sa': [],
  'create namespace': [],
  'create ns': [],
  run: ['image', 'port', 'restart', 'selector', 'command'],
  expose: ['port', 'target-port', 'type', 'name', 'protocol'],
  delete: ['selector', 'all', 'grace-period', 'now', 'force'],
  scale: ['replicas'],
  rollout: ['to-revision'],
  set: [],
  label: ['overwrite'],
  annotate: ['overwrite'],
  taint: ['overwrite'],
  cordon: [],
  uncordon: [],
  drain: ['force', 'ignore-daemonsets', 'delete-emptydir-data', 'timeout', 'grace-period'],
  version: [],
  'cluster-info': [],
};

/** Real flags of these commands that the console does not model: stored name → why. */
const NOT_MODELLED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  apply: { output: 'apply prints what it did', selector: 'apply -f - applies the whole manifest', force: 'apply never deletes and re-creates here' },
  create: { output: 'create prints what it made' },
  run: { output: 'run prints what it made' },
  expose: { output: 'expose prints what it made', selector: 'expose takes the selector of the object it exposes', filename: 'expose takes TYPE NAME' },
  scale: { timeout: 'scale does not wait', selector: 'scale takes one TYPE NAME' },
  set: { selector: 'set image takes one TYPE/NAME', all: 'set image takes one TYPE/NAME', output: 'set image prints what it changed', filename: 'set image takes TYPE/NAME' },
  rollout: { timeout: 'rollout status waits until the rollout ends or passes its progress deadline', watch: 'rollout status always waits', selector: 'rollout takes one TYPE/NAME', output: 'rollout prints what it did' },
  label: { selector: 'label takes TYPE NAME', all: 'label takes TYPE NAME', output: 'label prints what it changed' },
  annotate: { selector: 'annotate takes TYPE NAME', all: 'annotate takes TYPE NAME', output: 'annotate prints what it changed' },
  taint: { selector: 'taint takes one node name', all: 'taint takes one node name', output: 'taint prints what it changed' },
  cordon: { selector: 'cordon takes one node name' },
  uncordon: { selector: 'uncordon takes one node name' },
  drain: { selector: 'drain takes one node name' },
  delete: { 'all-namespaces': 'delete works in one namespace', filename: 'delete takes TYPE NAME or -l', timeout: 'delete does not wait', output: 'delete prints what it deleted' },
  describe: { filename: 'describe takes TYPE [NAME] or -l' },
  get: { filename: 'get takes TYPE [NAME]' },
};

/** What a flag word is called, as pflag names it in its error. */
function pflagUnknown(word: string, cmd: string): string {
  const base = cmd.split(' ')[0]!;
  const m = /^-([^-=])/.exec(word);
  const what = m ? `unknown shorthand flag: '${m[1]}' in ${word.split('=')[0]}` : `unknown flag: ${word.split('=')[0]}`;
  return `error: ${what}\nSee 'kubectl ${base} --help' for usage.`;
}

/** The first flag in `words` (before `--`) that `cmd` does not read, as an error text;
 * undefined when every flag is one it reads. `stored` maps a flag word's name to the
 * name the parser stores it under. */
export function unreadFlag(cmd: string, words: readonly string[], stored: (raw: string) => string | undefined): string | undefined {
  const reads = READS[cmd] ?? READS[cmd.split(' ')[0]!];
  if (!reads) return undefined;
  const base = cmd.split(' ')[0]!;
  for (const w of words) {
    if (w === '--') break;
    if (!w.startsWith('-') || w === '-') continue;
    const raw = w.replace(/^--?/, '').split('=')[0]!;
    const name = stored(raw);
    if (name === undefined || GLOBAL.includes(name) || reads.includes(name)) continue;
    const why = NOT_MODELLED[base]?.[name];
    if (why) return `error: ${w.split('=')[0]} is not available for "kubectl ${base}" in this console: ${why}`;
    return pflagUnknown(w, cmd);
  }
  return undefined;
}
