import { describe, expect, it } from 'vitest';
import { parseConsoleInput } from './console-input';

const MANIFEST = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: build-robot';

describe('parseConsoleInput', () => {
  it('a single line is the command, with no stdin', () => {
    expect(parseConsoleInput('kubectl get pods\n')).toEqual({ line: 'kubectl get pods' });
  });
  it('a first line and the manifest below it', () => {
    expect(parseConsoleInput(`kubectl apply -f -\n${MANIFEST}`)).toEqual({ line: 'kubectl apply -f -', stdin: MANIFEST });
  });
  it('the docs\' heredoc: kubectl apply -f - <<EOF … EOF', () => {
    expect(parseConsoleInput(`kubectl apply -f - <<EOF\n${MANIFEST}\nEOF\n`)).toEqual({ line: 'kubectl apply -f -', stdin: `${MANIFEST}\n` });
  });
  it('cat <<\'EOF\' | kubectl create -f -, with a quoted word and CRLF line ends', () => {
    expect(parseConsoleInput(`cat <<'EOF' | kubectl create -f -\r\n${MANIFEST.replace(/\n/g, '\r\n')}\r\nEOF`)).toEqual({ line: 'kubectl create -f -', stdin: `${MANIFEST}\n` });
  });
  it('<<-EOF strips leading tabs; a missing EOF runs to the end', () => {
    expect(parseConsoleInput('kubectl apply -f - <<-END\n\tkind: X\n\tEND')).toEqual({ line: 'kubectl apply -f -', stdin: 'kind: X\n' });
    expect(parseConsoleInput(`kubectl apply -f - <<EOF\n${MANIFEST}`)).toEqual({ line: 'kubectl apply -f -', stdin: `${MANIFEST}\n` });
  });
  it('a bare manifest gets a hint instead of running', () => {
    expect(parseConsoleInput(MANIFEST)).toHaveProperty('hint');
    expect(parseConsoleInput(`---\n${MANIFEST}`)).toHaveProperty('hint');
  });
});
