// The page's entry (index.html): starts the simulation's worker, then loads the page
// (src/main.tsx). The worker's script (the whole simulation) is fetched, compiled and
// booted while the page's own chunk (React, React Flow, the app) is fetched and its
// first render runs, instead of after them (issue 14: the first leader drawn sooner).
// When the URL alone says what to run, the cluster starts now too: its first frames wait
// for the page, which then does not start it again (src/client/connection.ts). A lesson
// (its catalog) or a shared recording (#rec=…, decoded asynchronously) is for the page's
// chunk to read, and starts the cluster from there. main.tsx's WorkerConnection takes
// this worker.

import { startCoordinatorWorker } from './client/connection';
import { recordingPayload } from './client/share-link';
import { BUILTIN_SCENARIO_NAMES } from './host/builtin-scenario-names';
import { startCommand, startFromUrl } from './ui/start-from-url';

const fromUrlAlone = !new URLSearchParams(window.location.search).has('lesson') && recordingPayload(window.location.hash) === undefined;
startCoordinatorWorker(fromUrlAlone ? startCommand(startFromUrl(window.location.search, BUILTIN_SCENARIO_NAMES).start) : undefined);
void import('./main');
