// Flags as kubectl and etcdctl (both cobra/pflag programs) read them: `--name value`,
// `--name=value`, `-n value`, boolean flags with an optional `=value`; `-` alone and
// words without a dash are arguments. Each program names its flags and its messages.

export interface FlagSpec {
  /** Flag (without dashes) → the name it is stored under, for flags that take a value. */
  readonly values: Readonly<Record<string, string>>;
  /** The same for boolean flags. */
  readonly bools: Readonly<Record<string, string>>;
  /** The program's messages for a flag it does not know / a flag missing its value. */
  unknown(word: string): string;
  needsValue(flag: string, word: string): string;
}

export interface ParsedFlags {
  readonly args: string[];
  /** Stored name → its last value. */
  readonly values: Map<string, string>;
  /** Stored name → every value given, in order (a flag may repeat: --from-literal). */
  readonly all: Map<string, string[]>;
  /** The words after a lone `--`, taken as they are (`kubectl create job x --image=busybox
   * -- sh -c "exit 1"`); undefined when there was none. */
  readonly afterDash?: string[];
}

export function parseFlags(words: readonly string[], spec: FlagSpec): ParsedFlags | { error: string } {
  const args: string[] = [];
  const values = new Map<string, string>();
  const all = new Map<string, string[]>();
  const set = (name: string, v: string) => {
    values.set(name, v);
    const list = all.get(name);
    if (list) list.push(v);
    else all.set(name, [v]);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return { args, values, all, afterDash: words.slice(i + 1) };
    if (!w.startsWith('-') || w === '-') {
      args.push(w);
      continue;
    }
    const [raw, inline] = w.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (Object.hasOwn(spec.bools, raw)) set(spec.bools[raw]!, inline ?? 'true');
    else if (Object.hasOwn(spec.values, raw)) {
      const v = inline ?? words[++i];
      if (v === undefined) return { error: spec.needsValue(raw, w) };
      set(spec.values[raw]!, v);
    } else return { error: spec.unknown(w) };
  }
  return { args, values, all };
}
