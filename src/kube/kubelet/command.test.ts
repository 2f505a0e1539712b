import { describe, expect, it } from 'vitest';
import { MIN_RUN_MS, scriptOf } from './command';

describe('what a container command does', () => {
  it('sleep N runs N seconds and succeeds; exec form and sh -c alike', () => {
    expect(scriptOf({ command: ['sleep', '30'] })).toEqual({ runMs: 30_000, exitCode: 0, output: [] });
    expect(scriptOf({ command: ['sh', '-c', 'sleep 5; exit 3'] })).toEqual({ runMs: 5000, exitCode: 3, output: [] });
    expect(scriptOf({ command: ['/bin/sh'], args: ['-c', 'sleep 1m'] })?.runMs).toBe(60_000);
  });

  it('exit, false and true end at once (after the minimum run) with their codes', () => {
    expect(scriptOf({ command: ['sh', '-c', 'exit 1'] })).toEqual({ runMs: MIN_RUN_MS, exitCode: 1, output: [] });
    expect(scriptOf({ command: ['false'] })?.exitCode).toBe(1);
    expect(scriptOf({ command: ['true'] })?.exitCode).toBe(0);
    expect(scriptOf({ command: ['sh', '-c', 'exit 300'] })?.exitCode).toBe(44);
  });

  it('the last status is the exit code; && and || skip as sh does; echo is output', () => {
    expect(scriptOf({ command: ['sh', '-c', 'echo "a; b"; false'] })).toEqual({ runMs: MIN_RUN_MS, exitCode: 1, output: ['a; b'] });
    expect(scriptOf({ command: ['sh', '-c', 'false && sleep 100'] })).toEqual({ runMs: MIN_RUN_MS, exitCode: 1, output: [] });
    expect(scriptOf({ command: ['sh', '-c', 'false || echo recovered'] })?.exitCode).toBe(0);
    expect(scriptOf({ command: ['sh', '-c', 'date\nsleep 2\necho done'] })).toEqual({ runMs: 2000, exitCode: 0, output: ['done'] });
  });

  it('servers, loops and no command at all run until stopped', () => {
    expect(scriptOf({})).toBeUndefined();
    expect(scriptOf({ command: ['nginx', '-g', 'daemon off;'] })).toBeUndefined();
    expect(scriptOf({ command: ['sh', '-c', 'while true; do sleep 1; done'] })).toBeUndefined();
    expect(scriptOf({ command: ['sleep', 'infinity'] })).toBeUndefined();
  });
});
