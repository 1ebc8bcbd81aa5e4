import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type CaseSource, caseSource, type GenerateOptions } from '../../generators/index.js';
import type { Case } from '../cases.js';
import { ToolError } from '../errors.js';
import { type Batch, type DrawRequest, SLOTS, Slot } from './draw-protocol.js';

/**
 * Below this many runs per rule (about 75,000 cases with every rule) a run draws in its own thread:
 * starting the drawing thread (loading the generators and planning again, about a second on a loaded
 * machine, which the first draw waits for) costs about what it saves (--runs 300: 3.1 s of waiting
 * against about 2.5 s of drawing).
 */
export const THREAD_MIN_RUNS = 1_000;

/** A case source whose draws may run in a thread of their own; `close()` ends that thread. */
export interface ClosableCaseSource extends CaseSource {
  /** Whether the cases are drawn in a worker thread. */
  readonly threaded: boolean;
  /** Time the drawing thread spent drawing, so far (absent when not threaded). */
  drawnElsewhereMs?(): number;
  close(): Promise<void>;
}

/**
 * The drawing thread's compiled module. Under vitest this module is TypeScript, which a worker thread
 * cannot load: the compiled one in dist/ is used (absent: draws stay in this thread).
 */
function threadEntry(): string | undefined {
  const here = import.meta.url;
  const entry = here.endsWith('.ts')
    ? new URL('../../dist/lib/runner/draw-thread.js', here)
    : new URL('./draw-thread.js', here);
  const path = fileURLToPath(entry);
  return existsSync(path) ? path : undefined;
}

/**
 * `caseSource`, with the cases of a large run drawn ahead in a worker thread (issue 20): the run's thread,
 * which sends and checks every case, only receives them; drawing uses the core the target leaves idle.
 * Same cases in the same order (the thread runs the same `caseSource` on the same options); a rule's
 * cases are taken one rule at a time, each `casesFor` iterable once. `threaded` forces the choice;
 * `ECS_DRAW_THREAD=off` keeps a large run's draws in its own thread (to compare the two side by side).
 */
export async function threadedCaseSource(
  options: GenerateOptions,
  threaded?: boolean,
): Promise<ClosableCaseSource> {
  const entry = threadEntry();
  const wanted =
    threaded ?? ((options.runs ?? 0) >= THREAD_MIN_RUNS && process.env.ECS_DRAW_THREAD !== 'off');
  if (entry === undefined || !wanted) {
    return { ...caseSource(options), threaded: false, close: async () => {} };
  }
  const signal = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  // Started first: the thread loads and plans while this one plans too.
  const worker = new Worker(entry, { workerData: { options, port: port2, signal }, transferList: [port2] });
  // Never holds the process open; its errors surface as a batch's error or a draw that never comes.
  worker.unref();
  worker.on('error', () => {});
  let local: CaseSource;
  try {
    local = caseSource(options);
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  let drawnMs = 0;
  let epoch = 0;

  function* casesFor(rule: string): Generator<Case> {
    if (!local.rules.includes(rule)) return;
    epoch += 1;
    const mine = epoch;
    Atomics.store(slots, Slot.Epoch, mine);
    // Wakes a thread waiting for room in a rule nobody takes any more.
    Atomics.notify(slots, Slot.Taken);
    port1.postMessage({ rule, epoch: mine } satisfies DrawRequest);
    for (;;) {
      if (epoch !== mine)
        throw new Error(`drawing thread: the cases of ${rule} were left for another rule's`);
      const batch = receive(port1, slots);
      // Counted even when stale (a rule left half taken), or the thread would keep less room ahead.
      Atomics.add(slots, Slot.Taken, 1);
      Atomics.notify(slots, Slot.Taken);
      if (batch.epoch !== mine) continue;
      drawnMs += batch.drawMs;
      yield* batch.cases;
      if (batch.error !== undefined) throw batch.error;
      if (batch.done) return;
    }
  }

  return {
    rules: local.rules,
    notCovered: local.notCovered,
    gaps: local.gaps,
    plannedFor: (rule) => local.plannedFor(rule),
    casesFor,
    threaded: true,
    drawnElsewhereMs: () => drawnMs,
    close: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}

/** The next batch, waiting for the thread when none is there yet (the run has nothing else to do then). */
function receive(port: MessagePort, slots: Int32Array): Batch {
  const deadline = performance.now() + SILENT_THREAD_MS;
  for (;;) {
    // Read the count before looking, so a batch posted in between ends the wait at once.
    const posted = Atomics.load(slots, Slot.Posted);
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received.message as Batch;
    // A thread that died loading its module posts nothing: fail the run rather than wait for ever.
    if (performance.now() > deadline)
      throw new ToolError('E_INTERNAL', `the drawing thread gave no case in ${SILENT_THREAD_MS / 1000} s`);
    Atomics.wait(slots, Slot.Posted, posted, 1_000);
  }
}

/** Far beyond a batch's drawing (tens of milliseconds) or the thread's start, even on a loaded machine. */
const SILENT_THREAD_MS = 120_000;
