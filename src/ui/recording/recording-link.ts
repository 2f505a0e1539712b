// The page's side of recordings (issue 11): a recording opened from the fragment, and a
// file or link brought by the user opened the same way. Opening one reloads the page
// with the recording in its fragment, so every run starts from a fresh page (store,
// lessons, presenter state) and an imported run can be shared by copying the address.

import { decodeRecording, encodeRecording, recordingPayload, shareLink } from '../../client/share-link';

/** What the banner calls the source of a bad recording; an import says it across the
 * reload (sessionStorage), a link needs no word. */
const FROM_KEY = 'kube-raft-lab:recording-from';
const SHARED_LINK = 'the shared link';

/** The largest file Import takes: a scenario is a few kB; this is far beyond any. */
export const MAX_IMPORT_BYTES = 1_000_000;

/** The recording in `hash`, when there is one: its text, or what is wrong with it. */
export async function recordingFromLocation(hash: string): Promise<{ text: string; from: string } | { error: string } | undefined> {
  const payload = recordingPayload(hash);
  if (payload === undefined) return undefined;
  const from = takeFrom() ?? SHARED_LINK;
  const decoded = await decodeRecording(payload);
  if ('error' in decoded) return { error: `${capital(from)}: ${decoded.error}` };
  return { text: decoded.text, from: capital(from) };
}

/** Opens a scenario file's text on a fresh page (the recording in the fragment). */
export async function openRecording(text: string, from: string): Promise<void> {
  const payload = await encodeRecording(text);
  try {
    sessionStorage.setItem(FROM_KEY, from);
  } catch {
    // Storage off: the banner just says "the shared link".
  }
  window.location.hash = new URL(shareLink(window.location.href, payload)).hash;
  window.location.reload();
}

/** A file the user picked or dropped: its text, or why it is refused before reading. */
export async function readScenarioFile(file: File): Promise<{ text: string } | { error: string }> {
  if (file.size > MAX_IMPORT_BYTES) return { error: `The imported file "${file.name}" is ${(file.size / 1e6).toFixed(1)} MB; expected a scenario file (YAML or JSON) under 1 MB` };
  try {
    return { text: await file.text() };
  } catch (e) {
    return { error: `The imported file "${file.name}" cannot be read (${(e as Error).message})` };
  }
}

function takeFrom(): string | undefined {
  try {
    const v = sessionStorage.getItem(FROM_KEY) ?? undefined;
    sessionStorage.removeItem(FROM_KEY);
    return v;
  } catch {
    return undefined;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
