// Transcript tests, as etcd-io/raft's TestInteraction runs its testdata/*.txt with
// datadriven: each file under ./testdata is a script of commands (add-nodes, campaign,
// propose, stabilize, deliver-msgs, tick-election, …) and the output each must print.
// Files named as etcd's are etcd's own scripts copied verbatim, expected output
// included; the others are this project's, in the same language.
//
// What is compared: every line except log lines. A line that starts with a log level
// (DEBUG, INFO, WARN, ERROR) is narration: etcd's come from its logger, this core's from
// its RaftEvents (worded after etcd's, fewer), so they are printed but not compared.
// Also not compared: the Context:"…" this env adds to ReadIndex traffic, and the V1/V2
// name of a conf-change entry (this core has one kind). Messages, entries, Readies,
// HardStates, progress and raft state must match etcd's line for line.
//
// Regenerate the expected outputs (this core's log lines then replace etcd's), all or one:
//   REWRITE=1 npx vitest run src/raft/etcd-suite/interaction.test.ts
//   REWRITE=read_index.txt npx vitest run src/raft/etcd-suite/interaction.test.ts

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataFile, rewrite } from '../testing/datadriven';
import { InteractionEnv } from '../testing/interaction-env';
import { KNOWN_TRANSCRIPT_DEVIATIONS } from './known-deviations';

const dir = join(import.meta.dirname, 'testdata');
/** REWRITE=1 rewrites every file, REWRITE=<name>.txt one; never a listed one (those
 * hold etcd's expected output, which this core does not print yet). */
const rewriteFlag = process.env.REWRITE ?? '';
const runDeviations = process.env.RAFT_DEVIATIONS === 'run';

/** The lines of an output that are compared (see the header). */
function compared(output: string): string {
  return output
    .split('\n')
    .filter((l) => !/^\s*(DEBUG|INFO|WARN|ERROR|FATAL) /.test(l))
    .map((l) => l.replace(/ Context:"[^"]*"/, '').replace('EntryConfChangeV2', 'EntryConfChange').trimEnd())
    .join('\n')
    .trim();
}

describe('testdata/*.txt (etcd-io/raft interaction tests)', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const deviation = KNOWN_TRANSCRIPT_DEVIATIONS[name];
    const rewriting = deviation === undefined && (rewriteFlag === '1' || rewriteFlag === name);
    const register = deviation !== undefined && !runDeviations && !rewriting ? it.skip : it;
    const title = deviation === undefined ? name : `${name} (${typeof deviation === 'number' ? `deviation ${deviation}` : deviation})`;
    register(title, () => {
      const path = join(dir, name);
      const file = parseDataFile(readFileSync(path, 'utf8'), name);
      const env = new InteractionEnv();
      const outputs: string[] = [];
      for (const d of file.directives) {
        const out = env.handle(d);
        outputs.push(out);
        if (!rewriting) expect(compared(out), `${name}:${d.line}: ${d.cmdLine}`).toBe(compared(d.expected));
      }
      if (rewriting) writeFileSync(path, rewrite(file, outputs));
    });
  }
});
