// The scenarios bundled with the app (`?scenario=<name>`): the same files `npm run sim`
// reads, so a browser run of one can be compared with the headless trace.

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const BUILTIN_SCENARIOS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text]),
);
