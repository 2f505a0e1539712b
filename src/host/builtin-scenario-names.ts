// The built-in scenarios' names without their texts: the page only checks `?scenario=`
// against them, so the files stay out of its chunk (each name maps to a loader the page
// never calls). The texts are the coordinator worker's (builtin-scenarios.ts).

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default' });

export const BUILTIN_SCENARIO_NAMES: Readonly<Record<string, unknown>> = Object.fromEntries(
  Object.entries(files).map(([path, load]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), load]),
);
