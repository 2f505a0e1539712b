// The checks' names and the live verdict the page draws (computed by src/check in the
// coordinator worker; the UI only draws it).

export type RaftCheckName =
  /** §5.2: at most one leader per term. */
  | 'election-safety'
  /** Figure 2: currentTerm is persisted and only increases, also across restarts. */
  | 'term-monotonic'
  /** §5.4.3: no two members apply different entries at one index (also one member before and after a restart). */
  | 'state-machine-safety'
  /** Entries are applied in log order, each once, only while the member's machine is up. */
  | 'apply-order'
  /** Leader Append-Only + Log Matching, as observable: terms never decrease along the
   * committed log, and an entry's term is one in which some member was leader. */
  | 'log-terms';

export type CheckName = RaftCheckName | 'kv-history' | 'linearizability' | 'no-acked-write-lost' | 'pod-bound-once' | 'no-process-crash';

/** One operation on the verdict's timeline. */
export interface VerdictOp {
  readonly process: string;
  readonly label: string;
  readonly invokeT: number;
  /** null: no answer (outcome unknown, may take effect at any later time). */
  readonly returnT: number | null;
  readonly status: string;
  /** The operation the search could not place. */
  readonly offending: boolean;
}

export interface Verdict {
  /** Sim time of the trace the verdict is about. */
  readonly at: number;
  readonly ok: boolean;
  readonly checks: readonly { readonly name: CheckName; readonly ok: boolean | 'unknown'; readonly detail: string }[];
  readonly opsChecked: number;
  readonly linearizable: boolean | 'unknown';
  /** When not linearizable: the key, the message, and the offending operation with the
   * ones concurrent with it (at most `maxOps`). */
  readonly failure?: { readonly key: string; readonly message: string; readonly ops: readonly VerdictOp[] };
}
