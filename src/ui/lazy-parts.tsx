// The page's parts that drawing the first leader does not need, as chunks of their own
// (issue 14: initial JS ≤ 200 KB gzip). Each is a React.lazy component behind a
// Suspense with a small placeholder; its chunk is fetched when the part is first shown
// (the side panels at the first render; presenter mode, the network overlay and the
// lesson list only when used).
// Every data-testid they carry appears once the chunk has loaded, as before.

import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { Placed } from './graph/layout';
import { useNetwork } from './network/network-store';
import { teachStore, useTeach } from './teach/teach-store';
// Styles the eager parts need too (the overlay switches, a node's CIDR, the stage's
// layout around the timeline): loaded with the page, not with the lazy chunks.
import './network/network.css';
import './timeline/timeline.css';
import './teach/early-keys';

/** React.lazy for a named export. */
function lazyNamed<P extends object, K extends string>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): ComponentType<P> {
  return lazy<ComponentType<P>>(async () => ({ default: (await load())[name] }));
}

/** A lazy part with its placeholder (nothing by default: the part's place stays empty
 * for the few milliseconds its chunk takes). */
function withFallback<P extends object>(Part: ComponentType<P>, fallback: ReactNode = null): ComponentType<P> {
  return function Lazy(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Part {...props} />
      </Suspense>
    );
  };
}

const placeholder = (label: string) => (
  <section className="panel lazy-placeholder" aria-busy="true">
    <span className="muted">{label}…</span>
  </section>
);

// The story log under the graph: an empty panel holds its place (the graph's size does
// not jump when the log arrives).
export const EventLog = withFallback(lazyNamed(() => import('./panels/EventLog'), 'EventLog'), <section className="event-log panel" aria-label="event log" aria-busy="true" />);
export const Legend = withFallback(lazyNamed(() => import('./panels/Legend'), 'Legend'));
// The keyboard's shortcuts (space, arrows, p, ?, k, b): a key pressed on the page before
// they have loaded is held for them (early-keys.ts, eager). Presenter mode's buttons on a
// selected card: only once one is selected.
export const Keys = withFallback(lazyNamed(() => import('./teach/Keys'), 'Keys'));
export const CardActions = withFallback(lazyNamed<{ machine: string }, 'CardActions'>(() => import('./teach/CardActions'), 'CardActions'));
// The countdowns on the cards (a lease's renewal, a node's grace period, a pod's
// eviction): needed once a lease is held or a node is Ready, not for the first leader.
const countdowns = () => import('./teach/Countdowns');
export const LeaseCountdown = withFallback(lazyNamed<{ lease: 'kube-scheduler' | 'kube-controller-manager' }, 'LeaseCountdown'>(countdowns, 'LeaseCountdown'));
export const GraceCountdown = withFallback(lazyNamed<{ node: string }, 'GraceCountdown'>(countdowns, 'GraceCountdown'));
export const EvictCountdown = withFallback(lazyNamed<{ pod: string; atMs: number }, 'EvictCountdown'>(countdowns, 'EvictCountdown'));
// A node's pod CIDR and IP line: the CIDR arrives from node IPAM after the boot.
export const NodeCidr = withFallback(lazy<ComponentType<{ node: string; tile?: boolean }>>(async () => ({ default: (await import('./network/NodeCidr')).NodeCidr })));
// The overlay switches (Pod network, Services) in the graph's corner.
export const OverlayToggles = withFallback(lazyNamed(() => import('./network/OverlayToggles'), 'OverlayToggles'));

// The side column.
export const TryThis = withFallback(lazyNamed(() => import('./teach/TryThis'), 'TryThis'));
export const VerdictPanel = withFallback(lazyNamed(() => import('./panels/Verdict'), 'VerdictPanel'));
export const Inspector = withFallback(lazyNamed(() => import('./panels/Inspector'), 'Inspector'));
export const PodInspector = withFallback(lazyNamed(() => import('./network/PodInspector'), 'PodInspector'));
export const Workloads = withFallback(lazyNamed(() => import('./panels/Workloads'), 'Workloads'));
export const DashboardPanel = withFallback(lazyNamed(() => import('./panels/DashboardPanel'), 'DashboardPanel'));
export const ConsolePanel = withFallback(lazyNamed(() => import('./panels/ConsolePanel'), 'ConsolePanel'), placeholder('console'));
export const ClientPanel = withFallback(lazyNamed(() => import('./panels/ClientPanel'), 'ClientPanel'));

/** The lesson's card, by the lesson's id (main.tsx checked it against the catalog). */
export const LessonPanel = withFallback(
  lazy(async () => {
    const [{ lessonById }, { LessonPanel: Panel }] = await Promise.all([import('./lessons/catalog'), import('./lessons/LessonPanel')]);
    return {
      default: function LessonById({ id }: { id: string }) {
        const lesson = lessonById(id);
        return lesson ? <Panel lesson={lesson} /> : null;
      },
    };
  }),
  placeholder('lesson'),
);

// The simulated cloud (cloud: sim, opt-in): the cloud card's body and the machines'
// "Terminate instance" (presenter cards; the inspector, itself lazy, imports it).
export const CloudSummary = withFallback(lazyNamed<object, 'CloudSummary'>(() => import('./kube/CloudParts'), 'CloudSummary'), <div className="machine-note">cloud API</div>);
export const TerminateButton = withFallback(lazyNamed<{ name: string }, 'TerminateButton'>(() => import('./kube/CloudParts'), 'TerminateButton'));

// Under the graph, and over it.
export const Timeline = withFallback(lazyNamed(() => import('./timeline/Timeline'), 'Timeline'), <div className="timeline-placeholder" />);
export const Captions = withFallback(lazyNamed(() => import('./teach/Captions'), 'Captions'));
export const HelpCard = withFallback(lazyNamed(() => import('./teach/HelpCard'), 'HelpCard'));
export const ConsoleOverlayClose = withFallback(lazyNamed(() => import('./teach/PresenterBar'), 'ConsoleOverlayClose'));

const LazyNetworkOverlay = lazyNamed(() => import('./network/NetworkOverlay'), 'NetworkOverlay');
/** The pod network and Services drawn over the graph: fetched when a switch turns on. */
export function NetworkOverlay({ placed }: { placed: Readonly<Record<string, Placed>> }) {
  const on = useNetwork((s) => s.routes || s.services);
  if (!on) return null;
  return (
    <Suspense fallback={null}>
      <LazyNetworkOverlay placed={placed} />
    </Suspense>
  );
}

// The header's controls.
export const ChaosToggle = withFallback(lazyNamed(() => import('./panels/Verdict'), 'ChaosToggle'));
const LazyLessonPicker = lazyNamed(() => import('./lessons/LessonPicker'), 'LessonPicker');
/** The header's "Lessons" button; the lesson list (and the catalog) loads when it opens. */
export function LessonPicker() {
  const open = useTeach((s) => s.picker);
  const closed = (
    <div className="lesson-picker-wrap">
      <button type="button" data-testid="lesson-picker" aria-expanded={false} className="lesson-picker-button" onClick={() => teachStore.getState().setPicker(true)}>
        Lessons
      </button>
    </div>
  );
  if (!open) return closed;
  return (
    <Suspense fallback={closed}>
      <LazyLessonPicker />
    </Suspense>
  );
}
/** Play, pause, step and speed: the playback machine brings xstate (~12 KB gzip), which
 * drawing the first leader does not need. Its place keeps its width meanwhile; the
 * presenter's keys (teach/Keys.tsx) do not go through it, so space plays and pauses
 * from the start. */
export const TimeControls = withFallback(lazyNamed(() => import('./panels/TimeControls'), 'TimeControls'), <div className="time-controls" aria-busy="true" />);
export const RecordingControls = withFallback(lazyNamed(() => import('./recording/RecordingControls'), 'RecordingControls'));
export const PresenterBar = withFallback(lazyNamed(() => import('./teach/PresenterBar'), 'PresenterBar'));
