// Entry point: read the URL, connect to the coordinator worker, draw.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkerConnection } from './client';
import { BUILTIN_SCENARIO_NAMES } from './host/builtin-scenario-names';
import { App } from './ui/App';
import { connectLab, startFromUrl } from './ui/lab';
import { recordingPayload } from './client/share-link';
import { labStore } from './ui/store/store';
import { teachStore } from './ui/teach/teach-store';
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

// ?lesson=<id> brings its own set-up (the URL's own parameters win); the lessons'
// catalog is a chunk of its own, fetched only then.
async function lessonUrl(search: string): Promise<{ search: string; error?: string }> {
  if (!new URLSearchParams(search).has('lesson')) return { search };
  const { lessonSearch } = await import('./ui/lessons/LessonPicker');
  return lessonSearch(search);
}

// A shared recording in the fragment (#rec=…) is decoded before the cluster starts (the
// browser's DecompressionStream is asynchronous); a damaged one gets a banner and the
// default cluster.
async function boot(): Promise<void> {
  const lesson = await lessonUrl(window.location.search);
  if (lesson.error) labStore.getState().notify(lesson.error, 'param');
  const fromUrl = startFromUrl(lesson.search, BUILTIN_SCENARIO_NAMES);
  for (const e of fromUrl.errors) labStore.getState().notify(e, 'param');
  // Its decoder comes as a chunk of its own, only when there is one.
  const recording = recordingPayload(window.location.hash) === undefined ? undefined : await (await import('./ui/recording/recording-link')).recordingFromLocation(window.location.hash);
  if (recording && 'error' in recording) labStore.getState().notify(`${recording.error} — running the default cluster instead.`, 'error');
  const start = recording && 'text' in recording ? { ...fromUrl.start, recording } : fromUrl.start;
  if (start.present) teachStore.getState().setPresenting(true);
  const lab = connectLab(new WorkerConnection(), labStore, start);
  window.__lab = { trace: () => lab.trace(), state: () => labStore.getState(), send: lab.send };

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App lab={lab} />
    </StrictMode>,
  );
}
void boot();
