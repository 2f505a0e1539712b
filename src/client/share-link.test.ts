// Share links (issue 11): the recording survives the round trip; damage is named; a
// ten-minute demo with twenty actions fits in fewer than 2 000 characters.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../cluster/scenario';
import type { TimedAction } from '../cluster/recording-format';
import { PAGE_WORKLOAD } from '../host/recording';
import { recordingText } from '../host/recording-file';
import { DEFAULT_DEPLOYMENT, DEFAULT_SETUP, DEFAULT_WORKER_LABELS } from '../protocol/cluster-setup';
import { decodeRecording, encodeRecording, recordingPayload, shareLink } from './share-link';

/** Twenty things a teacher does in a ten-minute HA demo, at millisecond times. */
const DEMO: TimedAction[] = [
  { at: 31_207, action: { kind: 'fault', fault: { kind: 'kill', target: 'master-1' } } },
  { at: 48_990, action: { kind: 'console', line: 'etcdctl member list -w table' } },
  { at: 62_114, action: { kind: 'fault', fault: { kind: 'restart', target: 'master-1' } } },
  { at: 90_003, action: { kind: 'console', line: 'kubectl scale deployment web --replicas=6' } },
  { at: 120_450, action: { kind: 'console', line: 'kubectl get pods -o wide' } },
  { at: 151_301, action: { kind: 'console', line: 'kubectl cordon worker-1' } },
  { at: 170_020, action: { kind: 'console', line: 'kubectl drain worker-1 --ignore-daemonsets --force' } },
  { at: 200_777, action: { kind: 'fault', fault: { kind: 'isolate', target: 'master-2' } } },
  { at: 231_500, action: { kind: 'fault', fault: { kind: 'heal', target: 'master-2' } } },
  { at: 260_000, action: { kind: 'kv', f: 'put', key: 'greeting', value: 'hello' } },
  { at: 275_512, action: { kind: 'kv', f: 'get', key: 'greeting', endpoint: 'master-3' } },
  { at: 300_120, action: { kind: 'chaos', on: true } },
  { at: 360_880, action: { kind: 'chaos', on: false } },
  { at: 380_004, action: { kind: 'console', line: 'kubectl uncordon worker-1' } },
  { at: 400_250, action: { kind: 'console', line: 'kubectl apply -f -', stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  selector:\n    matchLabels: { app: api }\n  template:\n    metadata:\n      labels: { app: api }\n    spec:\n      containers:\n        - name: api\n          image: nginx:1.27\n' } },
  { at: 450_600, action: { kind: 'fault', fault: { kind: 'kill', target: 'worker-2' } } },
  { at: 500_040, action: { kind: 'console', line: 'kubectl get nodes' } },
  { at: 530_999, action: { kind: 'fault', fault: { kind: 'restart', target: 'worker-2' } } },
  { at: 570_321, action: { kind: 'console', line: 'etcdctl endpoint status -w table' } },
  { at: 599_870, action: { kind: 'fault', fault: { kind: 'heal' } } },
];

const demoFile = () =>
  recordingText({ kind: 'setup', setup: { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 3, workerLabels: DEFAULT_WORKER_LABELS, manifests: [DEFAULT_DEPLOYMENT] }, workload: PAGE_WORKLOAD }, DEMO, 600_000);

describe('share links', () => {
  it('a ten-minute demo with twenty actions: the whole link is under 2 000 characters, and it decodes to the same file', async () => {
    const file = demoFile();
    expect(parseScenario(file).actions).toHaveLength(20);
    const link = shareLink('http://localhost:5173/?present=1', await encodeRecording(file));
    expect(link.length).toBeLessThan(2000);
    const payload = recordingPayload(new URL(link).hash)!;
    expect(await decodeRecording(payload)).toEqual({ text: file });
  });

  it('round-trips any text, all lengths mod 3', async () => {
    for (const text of ['', 'a', 'ab', 'abc', 'ünïcödé ☸ name: x\n', 'x'.repeat(10_000)]) {
      expect(await decodeRecording(await encodeRecording(text))).toEqual({ text });
    }
  });

  it('a damaged or tampered link is named, never replayed', async () => {
    const payload = await encodeRecording(demoFile());
    // A character a link never has.
    expect(await decodeRecording(payload.slice(0, 10) + '%' + payload.slice(11))).toEqual({ error: expect.stringMatching(/character 11 .* "%"/) });
    // Cut short.
    const cut = await decodeRecording(payload.slice(0, Math.floor(payload.length / 2)));
    expect('error' in cut && cut.error).toMatch(/damaged/);
    // One character changed in the middle: the checksum (or the stream) catches it.
    const mid = Math.floor(payload.length / 2);
    const flipped = payload.slice(0, mid) + (payload[mid] === 'A' ? 'B' : 'A') + payload.slice(mid + 1);
    expect(await decodeRecording(flipped)).toEqual({ error: expect.stringMatching(/damaged or was changed/) });
    expect(await decodeRecording('')).toEqual({ error: expect.stringMatching(/nothing after #rec=/) });
  });

  it('reads the fragment', () => {
    expect(recordingPayload('#rec=abc')).toBe('abc');
    expect(recordingPayload('#other')).toBeUndefined();
    expect(recordingPayload('')).toBeUndefined();
  });
});
