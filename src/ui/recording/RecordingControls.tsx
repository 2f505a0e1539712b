// Share / Export / Import (issue 11, a run is a recording): the run so far as a link or
// a scenario file, and a scenario file (picked, or dropped anywhere on the page) opened
// as a run. The coordinator writes the file (src/host/recording.ts); the link is that
// file compressed into the fragment (src/client/share-link.ts).

import { useEffect, useState } from 'react';
import { encodeRecording, shareLink } from '../../client/share-link';
import { useLabApi } from '../lab';
import { labStore, useLab } from '../store/store';
import { openRecording, readScenarioFile } from './recording-link';
import './recording.css';

async function importFile(file: File): Promise<void> {
  const r = await readScenarioFile(file);
  if ('error' in r) labStore.getState().notify(r.error, 'error');
  else await openRecording(r.text, `the imported file "${file.name}"`);
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RecordingControls() {
  const lab = useLabApi();
  const running = useLab((s) => s.frameCount > 0);
  const [url, setUrl] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  // A file dropped anywhere on the page is imported.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void importFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const recording = async (): Promise<string | undefined> => {
    const r = await lab.request({ type: 'export' });
    if (r.ok) return r.output;
    labStore.getState().notify(`Cannot record this run: ${r.error}`, 'error');
    return undefined;
  };

  const share = async () => {
    setBusy(true);
    try {
      const text = await recording();
      if (text === undefined) return;
      const link = shareLink(window.location.href, await encodeRecording(text));
      setUrl(link);
      void navigator.clipboard?.writeText(link).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const exportFile = async () => {
    setBusy(true);
    try {
      const text = await recording();
      if (text === undefined) return;
      const at = /^until: (\S+)$/m.exec(text)?.[1] ?? 'now';
      download(`kube-raft-lab-${at}.yaml`, text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="recording-controls" role="group" aria-label="recording">
      <button type="button" data-testid="share" disabled={!running || busy} onClick={() => void share()} title="A link that replays this run to this moment (copied to the clipboard)">
        Share
      </button>
      <button type="button" data-testid="export-scenario" disabled={!running || busy} onClick={() => void exportFile()} title="Download this run as a scenario file (npm run sim runs it; Import replays it)">
        Export
      </button>
      <label className="import-button" title="Open a scenario file (or drop one anywhere on the page)">
        Import
        <input
          type="file"
          data-testid="import-scenario"
          accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      {url !== undefined && (
        <input className="share-url" data-testid="share-url" aria-label="share link" readOnly value={url} onFocus={(e) => e.target.select()} size={24} />
      )}
    </div>
  );
}
