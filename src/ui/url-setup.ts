// The page's URL parameters (contracts.md §4) → a ClusterSetup, with one message per bad
// parameter. The UI reads the URL; the simulation never does.

import type { ClusterSetup, CloudMode, Isolation, Profile, Topology } from '../protocol/commands';
import { DEFAULT_SETUP, ETCD_SIZES, MAX_MASTERS, MAX_PODS, MAX_WORKERS } from '../protocol/cluster-setup';

export interface UrlSetup {
  readonly setup: ClusterSetup;
  /** `speed` when given (0 = as fast as possible). */
  readonly speed?: number;
  /** `isolation=worker`: one Web Worker per machine (default: all in one worker). */
  readonly isolation?: Isolation;
  /** `scenario` when given: the name of a built-in scenario. */
  readonly scenario?: string;
  /** `present=1`: presenter mode from the first render (`present=0` or absent: off). */
  readonly present?: boolean;
  /** `lesson=<id>` when given (src/ui/lessons: main.tsx fills in the lesson's set-up
   * before this parser runs). */
  readonly lesson?: string;
  /** One message per bad parameter; the setup falls back to the default for each. */
  readonly errors: readonly string[];
}

const URL_PARAMS = ['topology', 'masters', 'workers', 'etcd', 'seed', 'speed', 'profile', 'scenario', 'isolation', 'pods', 'present', 'lesson', 'cloud', 'dashboard'];

/** Reads `?topology=stacked|external&masters=3&workers=3&etcd=3&seed=42&speed=1&profile=classroom&pods=300&cloud=sim`
 * or `?scenario=<name>` (contracts.md §4). Unknown parameters are reported, not fatal. */
export function parseSetupQuery(query: string): UrlSetup {
  const params = new Map<string, string>();
  const repeated = new Set<string>();
  const errors: string[] = [];
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    // A Map and includes(): a prototype name (`__proto__`, `toString`) is just unknown.
    if (!URL_PARAMS.includes(key)) errors.push(`${shorten(key)}: unknown parameter; expected one of ${URL_PARAMS.join(', ')}`);
    else if (params.has(key) || repeated.has(key)) repeated.add(key);
    else params.set(key, value);
  }
  // Which of two values was meant is a guess: neither is used.
  for (const key of repeated) {
    params.delete(key);
    errors.push(`${key}: given more than once; expected it at most once (using the default)`);
  }

  let topology: Topology = DEFAULT_SETUP.topology;
  const topo = params.get('topology');
  if (topo !== undefined) {
    if (topo === 'stacked' || topo === 'external') topology = topo;
    else errors.push(`topology: expected stacked or external, got "${shorten(topo)}"`);
  }
  const int = (name: string, lo: number, hi: number, expected: string): number | undefined => {
    const text = params.get(name);
    if (text === undefined) return undefined;
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < lo || n > hi) {
      errors.push(`${name}: expected ${expected}, got "${shorten(text)}"`);
      return undefined;
    }
    return n;
  };
  let masters = int('masters', 1, MAX_MASTERS, `an integer from 1 to ${MAX_MASTERS}`);
  let etcd = int('etcd', 1, 7, `an etcd member count of ${ETCD_SIZES.join(', ')}`);
  if (etcd !== undefined && !(ETCD_SIZES as readonly number[]).includes(etcd)) {
    errors.push(`etcd: expected an etcd member count of ${ETCD_SIZES.join(', ')}, got "${etcd}"`);
    etcd = undefined;
  }
  const workers = int('workers', 0, MAX_WORKERS, `an integer from 0 to ${MAX_WORKERS}`) ?? DEFAULT_SETUP.workers;
  const seed = int('seed', 0, 0xffffffff, 'a non-negative integer below 2^32') ?? DEFAULT_SETUP.seed;
  const pods = int('pods', 0, MAX_PODS, `an integer from 0 to ${MAX_PODS}`);

  let profile: Profile = DEFAULT_SETUP.profile;
  const prof = params.get('profile');
  if (prof !== undefined) {
    if (prof === 'classroom' || prof === 'realistic') profile = prof;
    else errors.push(`profile: expected classroom or realistic, got "${shorten(prof)}"`);
  }

  // `cloud=sim`: a simulated cloud and its cloud-controller-manager; none (the default) as kubeadm.
  let cloud: CloudMode = 'none';
  const cl = params.get('cloud');
  if (cl !== undefined) {
    if (cl === 'sim' || cl === 'none') cloud = cl;
    else errors.push(`cloud: expected sim (a simulated cloud provider) or none, got "${shorten(cl)}"`);
  }

  let dashboard = false;
  const dash = params.get('dashboard');
  if (dash !== undefined) {
    if (dash === '1' || dash === '0') dashboard = dash === '1';
    else errors.push(`dashboard: expected 1 (run the dashboard on the client machine) or 0, got "${shorten(dash)}"`);
  }

  let speed: number | undefined;
  const sp = params.get('speed');
  if (sp !== undefined) {
    const n = Number(sp);
    if (sp === '' || !Number.isFinite(n) || (n !== 0 && (n < 0.1 || n > 100))) errors.push(`speed: expected a number from 0.1 to 100, or 0 for as fast as possible, got "${shorten(sp)}"`);
    else speed = n;
  }

  if (topology === 'stacked') {
    // One etcd member per master: either number sets both.
    if (masters === undefined && etcd !== undefined) masters = etcd;
    if (masters !== undefined && etcd !== undefined && masters !== etcd) {
      errors.push(`etcd: the stacked topology runs one etcd member per master, so etcd must equal masters (${masters}), got "${etcd}"`);
    }
    masters ??= DEFAULT_SETUP.masters;
    if (!(ETCD_SIZES as readonly number[]).includes(masters)) {
      errors.push(`masters: the stacked topology needs an etcd member count of ${ETCD_SIZES.join(', ')}, got "${masters}"`);
      masters = DEFAULT_SETUP.masters;
    }
    etcd = masters;
  } else {
    masters ??= DEFAULT_SETUP.masters;
    etcd ??= DEFAULT_SETUP.etcdMembers;
  }

  let isolation: Isolation | undefined;
  const iso = params.get('isolation');
  if (iso !== undefined) {
    if (iso === 'shared' || iso === 'worker') isolation = iso;
    else errors.push(`isolation: expected shared (every machine in the simulation's worker) or worker (one Web Worker per machine), got "${iso}"`);
  }

  let present: boolean | undefined;
  const pres = params.get('present');
  if (pres !== undefined) {
    if (pres === '1' || pres === '0') present = pres === '1';
    else errors.push(`present: expected 1 or 0, got "${shorten(pres)}"`);
  }
  const lesson = params.get('lesson');

  const scenario = params.get('scenario');
  const setup: ClusterSetup = { topology, masters, etcdMembers: etcd, workers, seed, profile, ...(pods ? { pods } : {}), ...(cloud === 'sim' ? { cloud } : {}), ...(dashboard ? { dashboard } : {}) };
  return { setup, ...(speed !== undefined ? { speed } : {}), ...(scenario !== undefined ? { scenario } : {}), ...(isolation !== undefined ? { isolation } : {}),
    ...(present !== undefined ? { present } : {}), ...(lesson !== undefined && lesson !== '' ? { lesson } : {}), errors };
}

/** A parameter as the banner names it: a pasted megabyte is not repeated back. */
function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
