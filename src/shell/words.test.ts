import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchConsole } from './dispatch';
import { MAX_LINE_CHARS, splitWords } from './words';

const words = (line: string) => {
  const r = splitWords(line);
  if ('error' in r) throw new Error(r.error);
  return r.words;
};

describe('splitWords: as bash splits a line', () => {
  it('quotes anywhere in a word join what is around them', () => {
    expect(words('kubectl create secret generic db --from-literal=password="S3cr3t pass"')).toEqual(['kubectl', 'create', 'secret', 'generic', 'db', '--from-literal=password=S3cr3t pass']);
    expect(words(`etcdctl put k 'a "quoted" value'`)).toEqual(['etcdctl', 'put', 'k', 'a "quoted" value']);
    expect(words('a"b c"d\'e f\'g')).toEqual(['ab cde fg']);
  });
  it('backslashes: outside quotes any character, inside double quotes only " \\ $ `', () => {
    expect(words('etcdctl put k a\\ b')).toEqual(['etcdctl', 'put', 'k', 'a b']);
    expect(words('echo "say \\"hi\\" \\n"')).toEqual(['echo', 'say "hi" \\n']);
    expect(words("echo 'no \\escapes'")).toEqual(['echo', 'no \\escapes']);
  });
  it('empty quotes are an empty word; runs of blanks separate words', () => {
    expect(words(`etcdctl put k ""`)).toEqual(['etcdctl', 'put', 'k', '']);
    expect(words('  kubectl \t get   pods  ')).toEqual(['kubectl', 'get', 'pods']);
    expect(words('')).toEqual([]);
  });
  it('an unclosed quote is refused with bash\'s message', () => {
    expect(splitWords('kubectl get pods -l "app=web')).toEqual({ error: 'bash: unexpected EOF while looking for matching `"\'' });
    expect(splitWords("etcdctl put k 'v")).toEqual({ error: "bash: unexpected EOF while looking for matching `''" });
  });
  it('a huge line is refused before it is read, with a message that says why', () => {
    const r = splitWords('x'.repeat(1 << 20));
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toMatch(/line too long: 1048576 characters; this console reads at most 65536/);
    expect(splitWords('y'.repeat(MAX_LINE_CHARS))).toHaveProperty('words');
  });
});

describe('every line gets an answer', () => {
  it('a 1 MB unknown word is refused, not echoed back', () => {
    const d = dispatchConsole('z'.repeat(1 << 20));
    expect(d).toHaveProperty('answer');
    expect((d as { answer: { ok: boolean; error: string } }).answer.error.length).toBeLessThan(300);
  });
  it('unbalanced quotes and empty lines are answered by the shell', () => {
    expect(dispatchConsole('etcdctl get "k')).toEqual({ answer: { ok: false, error: 'bash: unexpected EOF while looking for matching `"\'' } });
    expect(dispatchConsole('   ')).toEqual({ answer: { ok: true, output: '' } });
  });
  it('any text: a process to run it or an answer, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const d = dispatchConsole(text);
        return 'answer' in d || d.process === 'kubectl' || d.process === 'console';
      }),
      { seed: 13, numRuns: 500 },
    );
  });
});
