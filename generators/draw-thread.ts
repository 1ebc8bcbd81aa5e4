// The drawing side of `threadedCaseSource` (issue 20): a worker thread that draws a rule's cases with the
// same `caseSource` and hands them over in batches, so that the run's thread only receives them.
import { performance } from 'node:perf_hooks';
import { type MessagePort, workerData } from 'node:worker_threads';
import type { Case } from '../lib/cases.js';
import { BATCH_SIZE, BATCHES_AHEAD, type Batch, type DrawRequest, Slot } from './draw-protocol.js';
import type { GenerateOptions } from './options.js';
import { caseSource } from './source.js';

const { options, port, signal } = workerData as {
  options: GenerateOptions;
  port: MessagePort;
  signal: SharedArrayBuffer;
};
const slots = new Int32Array(signal);
const source = caseSource(options);

const post = (batch: Batch): void => {
  port.postMessage(batch);
  Atomics.add(slots, Slot.Posted, 1);
  Atomics.notify(slots, Slot.Posted);
};

const current = (epoch: number): boolean => Atomics.load(slots, Slot.Epoch) === epoch;

/** Waits until the run has taken enough batches to be at most BATCHES_AHEAD behind, or moved on. */
function waitForRoom(epoch: number): void {
  for (;;) {
    const taken = Atomics.load(slots, Slot.Taken);
    if (Atomics.load(slots, Slot.Posted) - taken < BATCHES_AHEAD || !current(epoch)) return;
    Atomics.wait(slots, Slot.Taken, taken, 1_000);
  }
}

function draw({ rule, epoch }: DrawRequest): void {
  let cases: Case[] = [];
  let drawMs = 0;
  try {
    const iterator = source.casesFor(rule)[Symbol.iterator]();
    for (;;) {
      // A rule the run stopped taking (a stopped run) is dropped at once.
      if (!current(epoch)) return;
      const started = performance.now();
      const next = iterator.next();
      drawMs += performance.now() - started;
      if (next.done === true) break;
      cases.push(next.value);
      if (cases.length === BATCH_SIZE) {
        waitForRoom(epoch);
        post({ epoch, cases, drawMs, done: false });
        cases = [];
        drawMs = 0;
      }
    }
    waitForRoom(epoch);
    post({ epoch, cases, drawMs, done: true });
  } catch (error) {
    // Thrown in the run's thread at the same place as an in-process draw would have thrown.
    post({
      epoch,
      cases,
      drawMs,
      done: true,
      error: error instanceof Error ? error : new Error(String(error)),
    });
  }
}

port.on('message', (request: DrawRequest) => draw(request));
