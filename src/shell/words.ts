// Splitting a command line into words as bash does before any program sees it (every
// program in the console gets the same words: kubectl, etcdctl and etcdutl receive
// argv, never the line). Quotes may appear anywhere in a word and join what is around
// them: `--from-literal=password="S3cr3t pass"` is one word,
// `--from-literal=password=S3cr3t pass`. Single quotes keep everything literally;
// double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``; outside quotes a
// backslash keeps the next character. One pass over the line, no backtracking.

/** Longer lines are refused at once (bash would take them; a pasted blob is a mistake
 * here, and echoing a megabyte back would freeze the console). */
export const MAX_LINE_CHARS = 64 * 1024;

export type Words = { readonly words: string[] } | { readonly error: string };

export function splitWords(line: string): Words {
  if (line.length > MAX_LINE_CHARS) return { error: `bash: line too long: ${line.length} characters; this console reads at most ${MAX_LINE_CHARS} per line (put a manifest below the command, or in a heredoc)` };
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return unmatched("'");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        word += line[j];
      }
      if (j >= line.length) return unmatched('"');
      i = j;
    } else if (c === '\\') {
      inWord = true;
      if (i + 1 < line.length) word += line[++i];
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words };
}

/** bash -c's message for an unclosed quote. */
function unmatched(quote: string): Words {
  return { error: `bash: unexpected EOF while looking for matching \`${quote}'` };
}
