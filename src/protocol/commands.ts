// What the UI asks of the coordinator. Commands that want an answer carry an `id`;
// the answer comes back in a Frame's `replies`.

export type Topology = 'stacked' | 'external';
export type Profile = 'classroom' | 'realistic';
/** `none`: no cloud provider, as kubeadm on bare machines (the default); `sim`: every
 * machine is an instance of a simulated cloud and a cloud-controller-manager runs. */
export type CloudMode = 'sim' | 'none';

/** Everything that defines a cluster before it starts (URL parameters map onto it). */
export interface ClusterSetup {
  readonly topology: Topology;
  readonly masters: number;
  /** Members of the etcd cluster: equals masters when stacked. */
  readonly etcdMembers: number;
  readonly workers: number;
  readonly seed: number;
  readonly profile: Profile;
  /** Node labels per worker (`topology.workerLabels`), e.g. { "worker-1": { disk: "ssd" } }. */
  readonly workerLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** false: the etcd cluster alone, no Kubernetes processes (`topology.kubernetes: false`),
   * for Raft lessons and the etcd-only tests. Default true. */
  readonly kubernetes?: boolean;
  /** A Deployment `web` of this many nginx pods applied at t=0 (`?pods=N`, up to
   * MAX_PODS): the page at scale without typing. */
  readonly pods?: number;
  /** Kubernetes objects applied through the apiserver at t=0, as a scenario's
   * `manifests` (the page's default Deployment). Default none. */
  readonly manifests?: readonly unknown[];
  /** `topology.cloud` / `?cloud=`: default none (no cloud-controller-manager, traces as
   * before); sim adds the cloud's API machine and a cloud-controller-manager per master. */
  readonly cloud?: CloudMode;
  /** `topology.dashboard` / `?dashboard=1`: a dashboard process on the client machine
   * (a third client beside kubectl and etcdctl). Off by default: its requests would
   * change every run's trace. */
  readonly dashboard?: boolean;
}

/** What a command answers: a console line's output or its error, as a terminal shows it. */
export type CommandResult = { ok: true; output: string; data?: unknown } | { ok: false; error: string };

/** Where the console's shell (src/shell/dispatch.ts) sends a typed text: to a process
 * on the client machine (`kubectl`, or `console` for etcdctl and etcdutl), or it
 * answers itself ("command not found"). */
export type ConsoleRoute =
  | { readonly process: 'kubectl' | 'console'; readonly line: string; readonly stdin?: string }
  | { readonly answer: CommandResult };

/** Speeds the UI offers; 0 means "as fast as possible". */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 100] as const;

/** How the browser runs the machines: all inside the coordinator's worker (the default),
 * or one Web Worker per machine (`?isolation=worker`: a kill terminates that worker). */
export type Isolation = 'shared' | 'worker';

export type UiCommand =
  /** `scenario`: a built-in scenario's name or a scenario file's text (then `setup` is
   * not used, and `seed`, when given, overrides the scenario's seed). `slowMotion`:
   * election slow motion on or off (default: on in the classroom profile). */
  | { readonly type: 'start'; readonly setup: ClusterSetup; readonly scenario?: string; readonly seed?: number; readonly speed: number; readonly playing: boolean; readonly isolation?: Isolation; readonly slowMotion?: boolean;
      /** Set when `scenario` is a file or link the user brought (its words, e.g. "the
       * imported file"): if it is bad, `setup` runs instead and a banner names the
       * problem. Unset: a bad scenario stops with an error. */
      readonly fallbackToSetup?: string }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** Runs the next lockstep window (the next message delivery or tick), then pauses. */
  | { readonly type: 'step' }
  | { readonly type: 'speed'; readonly speed: number }
  /** Election slow motion (src/host/slow-motion.ts): playback drops to a crawl while an
   * etcd member is pre-candidate or candidate or a control-plane Lease is unheld. A pacing
   * choice of the host: the trace does not change. On by default in the classroom profile. */
  | { readonly type: 'slow-motion'; readonly on: boolean }
  | { readonly type: 'kill'; readonly machine: string }
  | { readonly type: 'restart'; readonly machine: string }
  /** The cloud deletes the machine's instance (`cloud: sim` only): gone for good. */
  | { readonly type: 'terminate'; readonly machine: string }
  | { readonly type: 'isolate'; readonly machine: string }
  | { readonly type: 'heal'; readonly machine?: string }
  /** A KV operation by the UI's own client. */
  | { readonly type: 'kv'; readonly id: number; readonly f: 'put' | 'get' | 'delete'; readonly key: string; readonly value?: string; readonly endpoint?: string }
  /** A console text as typed (kubectl … / etcdctl … / etcdutl …): one command, with a
   * heredoc or the manifest on the lines below it, which the shell (src/shell) splits off
   * as stdin; `stdin` when it is split already. */
  | { readonly type: 'console'; readonly id: number; readonly line: string; readonly stdin?: string }
  /** The chaos switch: the nemesis runs live (crashes, restarts, partitions, some loss,
   * never more crashes than the etcd cluster tolerates) with a KV workload, and the
   * frames carry a live verdict; off heals everything. */
  | { readonly type: 'chaos'; readonly on: boolean }
  /** Asks for the whole trace so far as JSON Lines (answered in replies). */
  | { readonly type: 'trace'; readonly id: number }
  /** Asks for the run so far as a scenario file (YAML, a recording: src/host/recording.ts),
   * answered in replies. */
  | { readonly type: 'export'; readonly id: number }
  /** Time travel (issue 11): the cluster as it was at sim ms `at` (clamped to the
   * recorded run), paused. The actions recorded after `at` stay as the run's future:
   * playing on repeats them; a new action there forks (drops them). */
  | { readonly type: 'seek'; readonly at: number }
  /** From pause: run until the next Raft role change, vote, lease change, node
   * readiness change, pod phase change or fault, then pause. */
  | { readonly type: 'step-event' }
  /** The page has drawn the frames it received (sent from its next animation frame).
   * Once a page says so, the coordinator posts a frame only after the previous one was
   * drawn (or 250 ms went by): a busy page gets fewer frames, not a queue of them. Not
   * a user action: never recorded. */
  | { readonly type: 'frame-drawn' };

/** The commands after which the coordinator is playing or paused as they say: the page
 * counts those it sends and trusts a frame's `playing` once the frame has heard them all
 * (Frame.heard), so a frame made before a Play arrived cannot show the run paused. */
export function setsPlayState(cmd: UiCommand): boolean {
  return cmd.type === 'play' || cmd.type === 'pause' || cmd.type === 'step' || cmd.type === 'step-event' || cmd.type === 'seek';
}
