// The page: header with time controls, the cluster graph with the event log below it,
// and a side column with the inspector, the client and the console.

import { ReactFlowProvider } from '@xyflow/react';
import { LiveAnnouncer } from './a11y/LiveAnnouncer';
import { Graph } from './graph/Graph';
import { LabContext, type Lab } from './lab';
import { ClientPanel } from './panels/ClientPanel';
import { ConsolePanel } from './panels/ConsolePanel';
import { EventLog } from './panels/EventLog';
import { Header } from './panels/Header';
import { Inspector } from './panels/Inspector';
import { Legend } from './panels/Legend';
import { Notices } from './panels/Notices';
import { Workloads } from './panels/Workloads';
import { VerdictPanel } from './panels/Verdict';

export function App({ lab }: { lab: Lab }) {
  return (
    <LabContext.Provider value={lab}>
      <div className="app">
        <Header />
        <Notices />
        <LiveAnnouncer />
        <main className="workspace">
          <div className="stage">
            <Legend />
            <ReactFlowProvider>
              <Graph />
            </ReactFlowProvider>
            <EventLog />
          </div>
          <aside className="side">
            <VerdictPanel />
            <Inspector />
            <Workloads />
            <ConsolePanel />
            <ClientPanel />
          </aside>
        </main>
      </div>
    </LabContext.Provider>
  );
}
