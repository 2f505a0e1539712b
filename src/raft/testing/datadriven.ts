// A small reader and writer for data-driven test files, in the format of
// github.com/cockroachdb/datadriven that etcd-io/raft's testdata/*.txt use:
//
//   # a comment
//   command arg key=value key=(v1,v2)
//   optional input lines
//   ----
//   expected output, up to the next blank line
//
// An output that itself holds blank lines is fenced by a doubled separator
// ("----\n----\n" … "----\n----"). `rewrite` reproduces the file with new outputs and
// every comment and blank line where it was, so a regenerated file diffs cleanly.

export interface Arg {
  readonly key: string;
  readonly vals: readonly string[];
}

export interface Directive {
  /** 1-based line of the command, for messages. */
  readonly line: number;
  readonly cmd: string;
  readonly args: readonly Arg[];
  /** The command line as written (rewritten verbatim). */
  readonly cmdLine: string;
  /** Lines between the command and the separator. */
  readonly input: readonly string[];
  readonly expected: string;
}

type Segment = { readonly text: string } | { readonly directive: Directive };

export interface DataFile {
  readonly segments: readonly Segment[];
  readonly directives: readonly Directive[];
}

export function parseArgs(text: string): Arg[] {
  const args: Arg[] = [];
  // key, key=value, key=(a,b c): values in parentheses split on commas and spaces.
  const re = /([^\s=]+)(?:=(\([^)]*\)|\S+))?/g;
  for (const m of text.matchAll(re)) {
    const raw = m[2];
    const vals = raw === undefined ? [] : raw.startsWith('(') ? raw.slice(1, -1).split(/[\s,]+/).filter((v) => v !== '') : [raw];
    args.push({ key: m[1]!, vals });
  }
  return args;
}

export function parseDataFile(text: string, name = 'testdata'): DataFile {
  const lines = text.split('\n');
  const segments: Segment[] = [];
  const directives: Directive[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) {
      segments.push({ text: line });
      i++;
      continue;
    }
    const start = i;
    const input: string[] = [];
    i++;
    while (i < lines.length && lines[i] !== '----') input.push(lines[i++]!);
    if (i >= lines.length) throw new Error(`${name}:${start + 1}: "${line}" has no ---- separator`);
    i++; // the separator
    const out: string[] = [];
    if (lines[i] === '----') {
      // Fenced output: up to a "----" line followed by another "----".
      i++;
      while (i < lines.length && !(lines[i] === '----' && lines[i + 1] === '----')) out.push(lines[i++]!);
      if (i >= lines.length) throw new Error(`${name}:${start + 1}: unterminated ----/---- output`);
      i += 2;
    } else {
      while (i < lines.length && lines[i]!.trim() !== '') out.push(lines[i++]!);
    }
    const [cmd = '', ...rest] = line.trim().split(/\s+/);
    const d: Directive = { line: start + 1, cmd, args: parseArgs(rest.join(' ')), cmdLine: line, input, expected: out.join('\n') };
    segments.push({ directive: d });
    directives.push(d);
  }
  return { segments, directives };
}

/** The file with each directive's output replaced by `outputs[k]` (same order). */
export function rewrite(file: DataFile, outputs: readonly string[]): string {
  let k = 0;
  const parts: string[] = [];
  for (const s of file.segments) {
    if ('text' in s) {
      parts.push(s.text);
      continue;
    }
    const out = outputs[k++] ?? '';
    const d = s.directive;
    parts.push(d.cmdLine, ...d.input, '----');
    if (out.split('\n').some((l) => l.trim() === '')) parts.push('----', out, '----', '----');
    else parts.push(out);
  }
  return parts.join('\n');
}
