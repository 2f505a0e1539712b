// The command line of the bench and harness scripts: `--name value` options and bare
// switches, read the same way by every script (each had its own five-line copy).

/** The arguments after the script's path. */
export const args: readonly string[] = process.argv.slice(2);

/** The value after `name` (e.g. `--query`), or undefined when `name` is not given. */
export function flag(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
