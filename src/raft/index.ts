// The Raft core's public API. See README.md for the host loop and the contract.
export { RawNode } from './rawnode';
export { MemoryStorage } from './memory-storage';
export type * from './types';
