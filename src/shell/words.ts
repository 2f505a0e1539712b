// Splitting a command line into words, as the shell does before any program sees it:
// quotes group words. (Every program in the console gets the same words: kubectl,
// etcdctl and etcdutl receive argv, never the line.)

/** Splits a line into words (quotes group words). */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}
