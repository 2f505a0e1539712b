// The page's entry (index.html): starts the simulation's worker, then loads the page
// (src/main.tsx). The worker's script (the whole simulation) is fetched, compiled and
// booted while the page's own chunk (React, React Flow, the app) is fetched and its
// first render runs, instead of after them (issue 14: the first leader drawn sooner).
// main.tsx's WorkerConnection takes this worker.

import { startCoordinatorWorker } from './client/connection';

startCoordinatorWorker();
void import('./main');
