// The page: header with time controls, the cluster graph with the event log below it,
// and a side column with the "Try this" card, the inspector, the client and the console.
// In presenter mode (src/ui/teach) the graph takes the whole width, the side column and
// the log become drawers, the console a full-width overlay, and key events captions.

import { useEffect } from 'react';
import { LiveAnnouncer } from './a11y/LiveAnnouncer';
import { GraphStage } from './graph/GraphStage';
import { LabContext, type Lab } from './lab';
import { Header } from './panels/Header';
import { Notices } from './panels/Notices';
import { useTeach } from './teach/teach-store';
// Parts the first leader does not need come as chunks of their own.
import { Captions, ClientPanel, ConsoleOverlayClose, ConsolePanel, DashboardPanel, EventLog, HelpCard, Inspector, Keys, Legend, LessonPanel, PodInspector, Timeline, TryThis, VerdictPanel, Workloads } from './lazy-parts';
// The keys are eager (a few hundred bytes): a key pressed as soon as the first leader is
// drawn must work, not wait for a lazy chunk to arrive.

export function App({ lab }: { lab: Lab }) {
  const presenting = useTeach((s) => s.presenting);
  const drawer = useTeach((s) => s.drawer);
  const overlay = useTeach((s) => s.consoleOverlay);
  // main.tsx kept ?lesson= only if the catalog knows it.
  const lesson = lab.started.lesson;
  // Presenter drawers open under the header, whose height depends on how it wraps.
  useEffect(() => {
    const header = document.querySelector('.app-header');
    if (!header) return;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--header-h', `${Math.round(header.getBoundingClientRect().height)}px`));
    ro.observe(header);
    return () => ro.disconnect();
  }, []);
  return (
    <LabContext.Provider value={lab}>
      <div className={`app${presenting ? ` presenting drawer-${drawer}` : ''}${presenting && overlay ? ' console-overlay' : ''}${lesson !== undefined ? ' has-lesson' : ''}`}>
        <Header />
        <Notices />
        <LiveAnnouncer />
        <main className="workspace">
          <div className="stage">
            {!presenting && <Legend />}
            <div className="stage-main">
              <GraphStage />
              <Timeline />
            </div>
            {presenting && <Captions />}
            <EventLog />
          </div>
          <aside className="side" aria-label="panels">
            {lesson !== undefined ? <LessonPanel id={lesson} /> : <TryThis />}
            <VerdictPanel />
            <PodInspector />
            <Inspector />
            <Workloads />
            <DashboardPanel />
            <ConsolePanel />
            <ClientPanel />
          </aside>
        </main>
        {presenting && <ConsoleOverlayClose />}
        <HelpCard />
        <Keys />
      </div>
    </LabContext.Provider>
  );
}
