// What the console's shell makes of a typed or pasted text: the command line, and the manifest
// it reads as stdin. Besides "first line, then the manifest below it", the shapes the
// Kubernetes docs print are understood, so a block copied from them runs as it is:
//   kubectl apply -f - <<EOF        cat <<EOF | kubectl apply -f -
//   …manifest…                      …manifest…
//   EOF                             EOF
// A manifest pasted without any command is answered with how to apply it, not run.

export type ConsoleInput = { readonly line: string; readonly stdin?: string } | { readonly hint: string };

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

export function parseConsoleInput(text: string): ConsoleInput {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  const first = (lines[0] ?? '').trim();
  if (/^(apiVersion|kind|metadata|spec):/.test(first) || first === '---') {
    return { hint: 'This looks like a manifest. Put `kubectl apply -f -` on the first line and the manifest below it (Shift+Enter starts a new line), or paste it as `kubectl apply -f - <<EOF` … `EOF`.' };
  }
  const rest = lines.slice(1);
  const h = HEREDOC.exec(first);
  if (!h) return rest.length > 0 ? { line: first, stdin: rest.join('\n') } : { line: first };
  const [, dash, , word] = h;
  // `cat <<EOF | kubectl …`: the command is what the heredoc is piped into.
  const before = first.slice(0, h.index).trim();
  const after = first.slice(h.index + h[0].length).trim();
  const line = before === 'cat' && after.startsWith('|') ? after.slice(1).trim() : `${before} ${after}`.trim();
  const end = rest.findIndex((l) => (dash ? l.replace(/^\t+/, '') : l).trim() === word);
  // Without its closing word the heredoc runs to the end, as a forgiving shell would.
  const body = (end < 0 ? rest : rest.slice(0, end)).map((l) => (dash ? l.replace(/^\t+/, '') : l));
  return { line, stdin: body.join('\n') + '\n' };
}
