// Entry point: read the URL, connect to the coordinator worker, draw.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerConnection } from './client';
import { BUILTIN_SCENARIOS } from './host/builtin-scenarios';
import { App } from './ui/App';
import { connectLab, startFromUrl } from './ui/lab';
import { labStore } from './ui/store/store';
import { teachStore } from './ui/teach/teach-store';
import { lessonSearch } from './ui/lessons/LessonPicker';
import './ui/styles.css';
import './ui/teach/teach.css';

declare global {
  interface Window {
    /** For tests and the curious: the trace so far, the store, raw commands. */
    __lab?: {
      trace(): Promise<string>;
      state(): ReturnType<typeof labStore.getState>;
      send: ReturnType<typeof connectLab>['send'];
    };
  }
}

// ?lesson=<id> brings its own set-up (the URL's own parameters win).
const lessonUrl = lessonSearch(window.location.search);
if (lessonUrl.error) labStore.getState().notify(lessonUrl.error, 'param');
const { start, errors } = startFromUrl(lessonUrl.search, BUILTIN_SCENARIOS);
for (const e of errors) labStore.getState().notify(e, 'param');
if (start.present) teachStore.getState().setPresenting(true);
const lab = connectLab(new WorkerConnection(), labStore, start);
window.__lab = { trace: () => lab.trace(), state: () => labStore.getState(), send: lab.send };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App lab={lab} />
  </StrictMode>,
);
