// What a lesson is: a fixed set-up, narration, and steps. Each step asks the learner to
// act (with the target highlighted on the graph), remembers where it started (say the
// leader's term), advances when the cluster reaches its checkpoint, and can perform
// itself ("Show me"). Pure data and functions over a LessonView; the xstate machine
// (machine.ts) runs them, the page (LessonPanel.tsx) draws them. Adding a lesson is
// adding an entry to LESSONS (catalog.ts).

import type { UiCommand } from '../../protocol/commands';

/** The cluster as a lesson sees it (built from the store by the page). */
export interface LessonView {
  readonly now: number;
  readonly machines: readonly { readonly name: string; readonly kind: string; readonly up: boolean }[];
  /** Host machine → its live etcd member's role and term. */
  readonly members: Readonly<Record<string, { readonly member: string; readonly role: string; readonly term: number }>>;
  /** Lease → the machine holding it (from the API), '' when none. */
  readonly leases: Readonly<Record<string, string>>;
  /** Node → its Ready condition ('True' | 'False' | 'Unknown'). */
  readonly nodes: Readonly<Record<string, string>>;
  readonly pods: readonly { readonly name: string; readonly node: string; readonly running: boolean; readonly terminating: boolean; readonly reason?: string; readonly owner?: string; readonly phase?: string }[];
  /** Deployments the API holds, "namespace/name". */
  readonly deployments?: readonly string[];
  /** Nodes marked unschedulable (kubectl cordon). */
  readonly cordoned?: readonly string[];
  /** The console's answers so far (the learner's lines and Show me's), output or error
   * text as the console prints it: etcdctl and kubectl lessons check what was seen. */
  readonly answers?: readonly { readonly ok: boolean; readonly text: string }[];
  /** Node → its pod CIDR (spec.podCIDR, given by the node IPAM controller). */
  readonly podCIDRs?: Readonly<Record<string, string>>;
  /** Machine → the Service rules its live kube-proxy has programmed: the Service
   * ("ns/name") and its endpoints ("10.244.1.2:80"). */
  readonly proxyRules?: Readonly<Record<string, readonly { readonly service: string; readonly endpoints: readonly string[] }[]>>;
  /** Job "namespace/name" → kubectl's STATUS (Running, Complete, Failed, …) and COMPLETIONS ("1/1"). */
  readonly jobs?: Readonly<Record<string, { readonly status: string; readonly completions: string }>>;
  /** CronJob "namespace/name" → its schedule, Jobs running, last and next start (sim ms). */
  readonly cronjobs?: Readonly<Record<string, { readonly schedule: string; readonly active: number; readonly lastMs?: number; readonly nextMs?: number }>>;
  /** The page's overlays that are on: the pod network's routes, the Services. */
  readonly overlays?: { readonly routes: boolean; readonly services: boolean };
  /** The pod in the pod inspector ("default/web-…"), with its why-table; null: none. */
  readonly inspectedPod?: string | null;
  /** The dashboard on the client machine (a third client, `?dashboard=1`): listed and
   * watching yet, and the pods it shows (what it read through the LB and an apiserver). */
  readonly dashboard?: { readonly synced: boolean; readonly pods: readonly { readonly name: string; readonly phase: string }[] };
}

/** What a Show me does on the page itself rather than in the cluster: switch an overlay
 * on, open a pod in the pod inspector (its why-table). */
export interface PageAction {
  readonly type: 'page';
  readonly overlay?: 'routes' | 'services';
  readonly inspectPod?: string;
}

/** What Show me sends: a command to the simulation, or a page action. */
export type LessonAction = UiCommand | PageAction;

/** A countdown a step shows on its card (the lesson's own wait, e.g. a CronJob's next run). */
export interface StepCountdown {
  /** The card's `lesson-countdown` carries `data-countdown="<what>-<target>"`, as the
   * graph's `countdown-<what>-<target>` are named (contract §4). */
  readonly what: string;
  readonly target: string;
  /** Sim ms it reaches zero. */
  readonly atMs: number;
  /** "next run of tick", shown as "<label> in N s". */
  readonly label: string;
}

/** What a step remembers from the moment it starts: its target, the term then. */
export interface Baseline {
  readonly target: string;
  readonly term: number;
  /** A revision the step is about (the one `etcdctl get --rev` reads). */
  readonly rev?: number;
  /** A second revision (where `etcdctl compact` cuts the history). */
  readonly upTo?: number;
  /** How many matching answers the console had when the step began. */
  readonly count?: number;
  /** The pod the step is about ("default/web-…"), when it is not the target. */
  readonly pod?: string;
  /** A Pod template the step compares with, by its pod-template-hash (rolling-update). */
  readonly template?: string;
  /** Parts of the page ringed with the target, by data-testid (an overlay's switch, a
   * Service's shape, a route, a why-table row): the target names a machine, these the rest. */
  readonly ring?: readonly string[];
}

export interface LessonStep {
  readonly id: string;
  /** What happens, and why (the narration card). */
  readonly say: string;
  /** What the learner is asked to do, naming the target. */
  readonly ask: (b: Baseline) => string;
  /** Where the step starts from; undefined while the cluster is not there yet. `prev`
   * is the previous step's baseline: a step that waits for what the last one caused
   * keeps its target and term (the cluster may already have moved on). */
  readonly begin: (v: LessonView, prev: Baseline | undefined) => Baseline | undefined;
  /** The checkpoint: true once the cluster has reached the step's state. */
  readonly done: (v: LessonView, b: Baseline) => boolean;
  /** "Show me": the commands that perform the step (none: it only waits). */
  readonly showMe: (b: Baseline) => readonly LessonAction[];
  /** A timed wait the step is about (shown with the graph's countdowns). */
  readonly waitsFor?: string;
  /** A countdown of the step's own, drawn on the lesson card (undefined: none now). */
  readonly countdown?: (v: LessonView, b: Baseline) => StepCountdown | undefined;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** The course notes' topic it teaches. */
  readonly topic: string;
  /** The set-up, as URL parameters (topology, masters, workers, seed, profile). */
  readonly query: string;
  readonly intro: string;
  readonly steps: readonly LessonStep[];
  readonly outro: string;
  /** The fastest speed the lesson still works at (`?speed=` is lowered to it, "as fast
   * as possible" too): set when one step must follow another within sim minutes, as
   * reading a revision before kube-apiserver's 5-minute compaction removes it. */
  readonly maxSpeed?: number;
}

// ---- small readers the lessons share ----

export const etcdLeaderHost = (v: LessonView): string | undefined => Object.keys(v.members).find((h) => v.members[h]!.role === 'leader');
export const maxTerm = (v: LessonView): number => Math.max(0, ...Object.values(v.members).map((m) => m.term));
export const isUp = (v: LessonView, name: string): boolean => v.machines.some((m) => m.name === name && m.up);
export const runningOn = (v: LessonView, node: string, prefix = 'web-'): number => v.pods.filter((p) => p.node === node && p.running && !p.terminating && p.name.startsWith(prefix)).length;
export const runningApp = (v: LessonView, prefix = 'web-'): number => v.pods.filter((p) => p.running && !p.terminating && p.name.startsWith(prefix)).length;

/** The console's answers that succeeded and match. */
export const answersMatching = (v: LessonView, re: RegExp, ok = true): readonly string[] => (v.answers ?? []).filter((a) => a.ok === ok && re.test(a.text)).map((a) => a.text);
export const answered = (v: LessonView, re: RegExp, ok = true): boolean => answersMatching(v, re, ok).length > 0;
/** The live nodes' kube-proxies' endpoints for a Service ("default/web"); one list per
 * up machine that runs a kube-proxy (a machine without a rule for it gives []). */
export const proxyEndpoints = (v: LessonView, service: string): readonly (readonly string[])[] =>
  Object.entries(v.proxyRules ?? {}).filter(([m]) => isUp(v, m)).map(([, rules]) => rules.filter((r) => r.service === service).flatMap((r) => r.endpoints));
