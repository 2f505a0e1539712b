// A client request waiting for its answer (a proposal to apply, a read index, a
// membership change): where to answer, with which request id, and until when.

import type { Packet } from '../../sim/packet';

export interface Waiter {
  readonly src: Packet['src'];
  readonly reqId: number;
  readonly deadline: number;
}
