import type { Case } from '../cases.js';

/** Cases a message carries: enough to spread the cost of a message, few enough to start sending early. */
export const BATCH_SIZE = 64;
/** Cases of a rule's first message: the run waits for it (the thread starts a rule when asked). */
export const FIRST_BATCH_SIZE = 8;
/** Batches the thread may draw ahead of the run: bounds the memory held (a few hundred cases). */
export const BATCHES_AHEAD = 8;

/** Int32 slots of the shared signal buffer. */
export const Slot = {
  /** Batches the thread has posted (it notifies on each: the run waits on this one). */
  Posted: 0,
  /** Batches the run has taken (it notifies on each: the thread waits on this one when ahead). */
  Taken: 1,
  /** The rule being drawn: a batch of another epoch is stale, and the thread stops drawing it. */
  Epoch: 2,
} as const;
export const SLOTS = 3;

export interface DrawRequest {
  rule: string;
  epoch: number;
}

export interface Batch {
  epoch: number;
  cases: Case[];
  /** Time the thread spent drawing these cases (its CPU time where Linux tells it). */
  drawMs: number;
  done: boolean;
  error?: Error;
}
