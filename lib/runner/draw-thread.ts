// The drawing side of `threadedCaseSource` (issue 20): a worker thread that draws a rule's cases with the
// same `caseSource` and hands them over in batches, so that the run's thread only receives them.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type MessagePort, workerData } from 'node:worker_threads';
import { caseSource, type GenerateOptions } from '../../generators/index.js';
import type { Case } from '../cases.js';
import {
  BATCH_SIZE,
  BATCHES_AHEAD,
  type Batch,
  type DrawRequest,
  FIRST_BATCH_SIZE,
  Slot,
} from './draw-protocol.js';

const { options, port, signal } = workerData as {
  options: GenerateOptions;
  port: MessagePort;
  signal: SharedArrayBuffer;
};
const slots = new Int32Array(signal);
// Options the run's thread validated too: a failure here is a bug, reported at the first draw.
const source = (() => {
  try {
    return caseSource(options);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
})();

/**
 * CPU time of this thread (Linux: /proc/thread-self/stat, in USER_HZ ticks of 10 ms), undefined where it
 * cannot be read. Drawing is timed on it where it can: this thread shares two cores with the run's
 * thread and the target, so the wall clock of its draws would also count the time it waited for a core.
 */
function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of the line, 12 and 13 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
let cpuAt = threadCpuMs();

/** Time spent since the last batch: CPU time where readable, else the wall-clock time of the draws. */
function spent(wallMs: number): number {
  if (cpuAt === undefined) return wallMs;
  const now = threadCpuMs() ?? cpuAt;
  const ms = now - cpuAt;
  cpuAt = now;
  return ms;
}

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
  let size = FIRST_BATCH_SIZE;
  try {
    if (source instanceof Error) throw source;
    const iterator = source.casesFor(rule)[Symbol.iterator]();
    for (;;) {
      // A rule the run stopped taking (a stopped run) is dropped at once.
      if (!current(epoch)) return;
      const started = performance.now();
      const next = iterator.next();
      drawMs += performance.now() - started;
      if (next.done === true) break;
      cases.push(next.value);
      if (cases.length === size) {
        waitForRoom(epoch);
        post({ epoch, cases, drawMs: spent(drawMs), done: false });
        cases = [];
        drawMs = 0;
        size = BATCH_SIZE;
      }
    }
    waitForRoom(epoch);
    post({ epoch, cases, drawMs: spent(drawMs), done: true });
  } catch (error) {
    // Thrown in the run's thread at the same place as an in-process draw would have thrown.
    post({
      epoch,
      cases,
      drawMs: spent(drawMs),
      done: true,
      error: error instanceof Error ? error : new Error(String(error)),
    });
  }
}

port.on('message', (request: DrawRequest) => draw(request));
