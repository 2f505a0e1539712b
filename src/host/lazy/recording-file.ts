// Stands in for src/host/recording-file.ts in the page's workers (lazy-console.ts): a
// run is written as a file only for an export, which the coordinator hands on after it
// awaited the console's part.

import { consoleModules } from '../lazy-console';

type RecordingFile = typeof import('../recording-file');

export const recordingText: RecordingFile['recordingText'] = (...args) => consoleModules().recordingFile.recordingText(...args);
export const userActionsOf: RecordingFile['userActionsOf'] = (...args) => consoleModules().recordingFile.userActionsOf(...args);
export const durationText: RecordingFile['durationText'] = (...args) => consoleModules().recordingFile.durationText(...args);
