import { parentPort, Worker, workerData } from 'node:worker_threads';
import { loadSpec } from '../../lib/spec/load.js';
import { selectMutants } from './catalogue.js';
import {
  type MutantResult,
  type MutantStatus,
  type MutantsConstraints,
  type MutantsRunner,
  runMutants,
} from './harness.js';
import type { RunSummary } from './run-target.js';
import type { Mutant } from './types.js';

/**
 * One process runs about one conformance run per second of CPU: its event loop is the limit. Threads
 * give each core its own loop. A thread is told mutant ids (seams are functions: they do not cross a
 * thread boundary) and loads the catalogue itself.
 */
interface ThreadTask {
  ids: string[];
  constraints: Omit<MutantsConstraints, 'onResult'>;
}

interface ThreadResult {
  id: string;
  status: MutantStatus;
  summary?: RunSummary;
  error?: string;
}

/** Mutants dealt round-robin, so that each thread gets a share of every family. */
const deal = <T>(items: readonly T[], hands: number): T[][] => {
  const dealt = Array.from({ length: hands }, (): T[] => []);
  items.forEach((item, index) => {
    dealt[index % hands]?.push(item);
  });
  return dealt.filter((hand) => hand.length > 0);
};

/** A runner that spreads the mutants over `threads` worker threads, each starting `entry` (see serveThread). */
export function threadedRunner(entry: URL, threads: number): MutantsRunner {
  return async (mutants: readonly Mutant[], constraints) => {
    const byId = new Map(mutants.map((mutant) => [mutant.id, mutant]));
    const results = new Map<string, MutantResult>();
    const failures: string[] = [];
    const { onResult, ...plain } = constraints;
    await Promise.all(
      deal(mutants, threads).map(
        (hand) =>
          new Promise<void>((resolve) => {
            const task: ThreadTask = { ids: hand.map((mutant) => mutant.id), constraints: plain };
            const worker = new Worker(entry, { workerData: task });
            worker.on('message', (message: ThreadResult) => {
              const mutant = byId.get(message.id);
              if (mutant === undefined) return;
              const { id: _id, ...rest } = message;
              const result: MutantResult = { mutant, ...rest };
              results.set(message.id, result);
              onResult?.(result);
            });
            worker.on('error', (error) => failures.push(error.message));
            worker.on('exit', () => resolve());
          }),
      ),
    );
    const why =
      failures.length > 0 ? `its thread failed: ${failures.join('; ')}` : 'its thread stopped before it ran';
    return mutants.map((mutant) => results.get(mutant.id) ?? { mutant, status: 'error', error: why });
  };
}

/** The thread side: run the mutants named in workerData and post each result as it comes. */
export async function serveThread(): Promise<void> {
  const task = workerData as ThreadTask;
  const spec = loadSpec();
  await runMutants(spec, selectMutants(task.ids), {
    ...task.constraints,
    onResult: ({ mutant, ...rest }) =>
      parentPort?.postMessage({ id: mutant.id, ...rest } satisfies ThreadResult),
  });
}
