// A run written as a scenario file (a recording, recording.ts): the page's actions in a
// file's words, and the file itself. Only an export writes one, which the coordinator
// hands the simulation after it awaited the console's part: in the page's workers this
// module loads with it (src/host/lazy/recording-file.ts stands in).

import { Document, isCollection, isMap, isSeq, parse as parseYaml } from 'yaml';
import { FORMAT_VERSION, type TimedAction, type UserAction } from '../cluster/recording-format';
import { webDeployment } from '../cluster/setup';
import type { RunOrigin } from './recording';
import type { LoggedAction, RunLog } from './run-log';

/** The page's actions so far, as a file's: the coordinator's own commands (the chaos
 * switch's KV rates) are left out, the switch says them. */
export function userActionsOf(log: RunLog): TimedAction[] {
  const out: TimedAction[] = [];
  for (const e of log.actions) {
    const a = fromLogged(e.action);
    if (a) out.push({ at: e.now, action: a });
  }
  return out;
}

function fromLogged(a: LoggedAction): UserAction | undefined {
  switch (a.kind) {
    case 'apply':
      return { kind: 'fault', fault: a.fault };
    case 'chaos':
      return { kind: 'chaos', on: a.on };
    case 'tell':
      return undefined;
    case 'console':
      if (a.stdin === undefined) return { kind: 'console', line: a.line };
      return { kind: 'console', line: a.line.slice(0, a.line.length - a.stdin.length - 1), stdin: a.stdin };
    case 'command': {
      const c = a.command as { f: 'put' | 'get' | 'delete'; key: string; value?: string; endpoint?: string };
      return { kind: 'kv', f: c.f, key: c.key, ...(c.value !== undefined ? { value: c.value } : {}), ...(c.endpoint ? { endpoint: c.endpoint } : {}) };
    }
  }
}

/** Sim ms as a scenario duration, exact to the millisecond: 31207 → "31.207s". */
export function durationText(ms: number): string {
  return `${ms / 1000}s`;
}

/** The recording up to sim time `now` as a scenario file (YAML): `npm run sim` on it
 * gives the live run's trace up to `now`, byte for byte; the page replays it to `now`
 * and pauses there. */
export function recordingText(origin: RunOrigin, actions: readonly TimedAction[], now: number): string {
  const head: Record<string, unknown> = { format: FORMAT_VERSION };
  let body: Record<string, unknown>;
  if (origin.kind === 'setup') {
    const s = origin.setup;
    const manifests = [...(s.manifests ?? []), ...(s.pods ? [webDeployment(s.pods)] : [])];
    body = {
      name: 'recording',
      seed: s.seed,
      until: durationText(now),
      profile: s.profile,
      topology: {
        etcd: s.topology,
        masters: s.masters,
        ...(s.topology === 'external' ? { etcdMembers: s.etcdMembers } : {}),
        workers: s.workers,
        ...(s.workerLabels && Object.keys(s.workerLabels).length > 0 ? { workerLabels: s.workerLabels } : {}),
        ...(s.kubernetes === false ? { kubernetes: false } : {}),
        ...(s.cloud === 'sim' ? { cloud: 'sim' } : {}),
        ...(s.dashboard === true ? { dashboard: true } : {}),
      },
      ...(manifests.length > 0 ? { manifests } : {}),
      workload: { clients: origin.workload.clients, keys: origin.workload.keys, rate: `${origin.workload.ratePerSec}/s`, ops: origin.workload.ops },
    };
  } else {
    // The file as it was, with the seed it ran with; it ends now, and the page plays on
    // to where the original ended.
    const doc = parseYaml(origin.text) as Record<string, unknown>;
    const liveUntil = doc.format !== undefined ? doc.liveUntil : (doc.until ?? '60s');
    body = { ...doc, ...(origin.seed !== undefined ? { seed: origin.seed } : {}), until: durationText(now) };
    delete body.format;
    delete body.actions;
    delete body.liveUntil;
    if (liveUntil !== undefined) body.liveUntil = liveUntil;
  }
  const file = { ...head, ...body, ...(actions.length > 0 ? { actions: actions.map(actionItem) } : {}) };
  const doc = new Document(file);
  // One line per action, per manifest and per small mapping: a recording reads like a log.
  const flow = (n: unknown) => {
    if (isCollection(n)) n.flow = true;
  };
  for (const key of ['topology', 'workload', 'network']) flow(doc.get(key, true));
  for (const key of ['actions', 'manifests', 'faults']) {
    const seq = doc.get(key, true);
    // …except an item with a manifest in it (stdin): a block reads as the YAML it is.
    if (isSeq(seq)) for (const item of seq.items) if (!(isMap(item) && item.has('stdin'))) flow(item);
  }
  doc.commentBefore = ' A kube-raft-lab recording: open it on the page (Import) or run it with `npm run sim -- <file>`.\n `until` is the moment it was recorded; `actions` are what the user did, at the sim times the page applied them.';
  return doc.toString({ lineWidth: 0 });
}

/** One action as a file's item, in the friendliest words that mean exactly it. */
function actionItem(t: TimedAction): Record<string, unknown> {
  const at = durationText(t.at);
  const a = t.action;
  switch (a.kind) {
    case 'chaos':
      return { at, chaos: a.on ? 'on' : 'off' };
    case 'kv':
      return { at, kv: { f: a.f, key: a.key, ...(a.value !== undefined ? { value: a.value } : {}), ...(a.endpoint ? { endpoint: a.endpoint } : {}) } };
    case 'console': {
      const stdin = a.stdin !== undefined ? { stdin: a.stdin } : {};
      // `kubectl: "scale …"` reads better and means the same line (the parser puts the
      // program's name back), when the line is exactly "<program> <rest>".
      const m = /^(kubectl|etcdctl) (\S(?:.*\S)?)$/.exec(a.line);
      const program = m?.[1];
      const rest = m?.[2];
      if (program && rest && !rest.startsWith(`${program} `) && rest !== program && (program === 'kubectl' || a.stdin === undefined)) return { at, [program]: rest, ...stdin };
      return { at, console: a.line, ...stdin };
    }
    case 'fault': {
      const f = a.fault;
      switch (f.kind) {
        case 'kill':
        case 'restart':
        case 'isolate':
        case 'terminate':
          return { at, [f.kind]: f.target };
        case 'heal':
          return { at, heal: f.target ?? 'all' };
        case 'partition':
          return { at, partition: f.groups };
        case 'loss':
          return { at, loss: f.rate };
        case 'cut':
          return { at, cut: [f.from, f.to] };
        case 'slow':
          return { at, slow: f.target, delay: durationText(f.delayMs), for: durationText(f.forMs) };
        case 'member':
          return { at, member: f.action === 'add-learner' ? { add: f.member, learner: true } : { [f.action]: f.member } };
        case 'net': {
          const n: Record<string, unknown> = {};
          if (f.latencyMaxMs !== undefined) n.latency = `${f.latencyMaxMs}ms`; // the parser keeps the upper end
          if (f.duplicate !== undefined) n.duplicate = f.duplicate;
          if (f.reorder !== undefined) n.reorder = f.reorder;
          if (f.readIndex) n['read-index'] = { duplicate: f.readIndex.duplicate, delay: durationText(f.readIndex.delayMs) };
          return { at, net: n };
        }
      }
    }
  }
  // A fault kind this writer does not know yet: fail loudly rather than write a file
  // that replays something else.
  throw new Error(`recording: no file words for ${JSON.stringify(a)}`);
}
