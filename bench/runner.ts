// Runner benchmark: the engine's request rate against the reference emulator, next to a plain undici
// loop sending the same requests (every one the runner sent, look-ups and clean-up included, re-signed
// ahead of time with the client's wire builder) to the same emulator, in one run. The emulator runs in
// a worker thread so that neither side pays for its CPU on its own event loop; it is restarted fresh
// before each measurement. Both sides send the same requests, at the same concurrency, over the same
// number of connections. The runner's rate climbs over its first rounds (JIT, caches warming) while the
// plain loop's is flat, so warm-up rounds come first and are not counted. A round sends ~9,000 requests
// (100 generated cases per rule): rounds of a fraction of a second let one hiccup of a shared machine
// decide the ratio. Goal: ratio >= 0.7. `--quick`: shorter and fewer rounds.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { ALL_TRANSPORTS, generateCases } from '../generators/index.js';
import type { CaseRequest } from '../lib/cases.js';
import {
  buildHttpRequest,
  type Client,
  createClient,
  credentialsForAccount,
  randomNonce,
  SDK_DEFAULT_TRANSPORT,
  type SentRequest,
} from '../lib/client/index.js';
import { type GenerateOutput, runConformance } from '../lib/runner/index.js';
import { loadSpec, type Spec } from '../lib/spec/load.js';

const CONCURRENCY = 8;
const RUNS = 100;
const ROUNDS = 7;
const WARMUP_ROUNDS = 2;
const SEED = 1;

// CommonJS source (eval workers are CommonJS); it imports the compiled ESM emulator by URL.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let running;
parentPort.on('message', async (message) => {
  const { startEmulator } = await import(workerData.emulatorUrl);
  if (running) await running.close();
  running = undefined;
  if (message === 'stop') { parentPort.postMessage('stopped'); return; }
  running = await startEmulator({ world: workerData.world, limits: workerData.limits });
  parentPort.postMessage(running.url);
});
`;

interface EmulatorWorker {
  /** A fresh emulator (the previous one closed); resolves to its URL. */
  restart(): Promise<string>;
  stop(): Promise<void>;
  /** Starts measuring how busy each event loop is; the returned function reads it (0..1). */
  busy(): () => { main: number; emulator: number };
}

function emulatorWorker(spec: Spec): EmulatorWorker {
  const emulatorUrl = new URL('../emulator/index.js', import.meta.url).href;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { emulatorUrl, world: spec.world, limits: spec.profile.limits },
  });
  // One answer per question, in order: a single pair of listeners, never one per call.
  let waiting: { resolve: (url: string) => void; reject: (error: unknown) => void } | undefined;
  worker.on('message', (url: string) => waiting?.resolve(url));
  worker.on('error', (error) => waiting?.reject(error));
  const ask = (message: string) =>
    new Promise<string>((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(message);
    });
  return {
    restart: () => ask('restart'),
    busy: () => {
      const main = performance.eventLoopUtilization();
      const emulator = worker.performance.eventLoopUtilization();
      return () => ({
        main: performance.eventLoopUtilization(main).utilization,
        emulator: worker.performance.eventLoopUtilization(emulator).utilization,
      });
    },
    stop: async () => {
      await ask('stop');
      await worker.terminate();
    },
  };
}

/** A client that remembers every request it is asked to send, in order. */
function recordingClient(spec: Spec, target: string, sent: CaseRequest[]): Client {
  const client = createClient({
    target,
    credentials: (account) => credentialsForAccount(spec.world, account),
    transport: { connections: CONCURRENCY },
  });
  return {
    ...client,
    send: (req) => {
      sent.push(req);
      return client.send(req);
    },
    call: (action, params, account, transport) => {
      sent.push({ action, params, account, transport: transport ?? SDK_DEFAULT_TRANSPORT });
      return client.call(action, params, account, transport);
    },
  };
}

/** Requests per second of runConformance (every request it sent over its execution time), and those requests. */
async function runnerRate(
  spec: Spec,
  target: string,
  runs: number,
  generated: GenerateOutput,
): Promise<{ rate: number; sent: CaseRequest[] }> {
  const sent: CaseRequest[] = [];
  const outcome = await runConformance({
    target,
    world: spec.world,
    catalogue: spec.catalogue,
    profile: spec.profile,
    seed: SEED,
    runs,
    transports: [...ALL_TRANSPORTS],
    concurrency: CONCURRENCY,
    client: recordingClient(spec, target, sent),
    // Generated once for all rounds: generation is not what is measured.
    generate: () => generated,
  });
  return { rate: outcome.requests / (outcome.timings.executionMs / 1000), sent };
}

/** The runner's requests, signed ahead of time for another target, each with its own nonce. */
function prebuilt(spec: Spec, target: string, requests: CaseRequest[]): SentRequest[] {
  const url = new URL(target);
  return requests.map((req) =>
    buildHttpRequest(req, {
      target: url,
      credentials: credentialsForAccount(spec.world, req.account),
      now: new Date(),
      nonce: randomNonce(),
      apiVersion: '2014-05-26',
    }),
  );
}

/** Requests per second of a bare undici loop at the runner's concurrency. */
async function plainRate(requests: SentRequest[], target: string): Promise<number> {
  const origin = new URL(target).origin;
  const pool = new Pool(origin, { connections: CONCURRENCY });
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const sent = requests[i] as SentRequest;
      const res = await pool.request({
        path: sent.url.slice(origin.length) || '/',
        method: sent.method as 'GET' | 'POST',
        headers: sent.headers,
        body: sent.body === '' ? null : sent.body,
      });
      await res.body.text();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const rate = requests.length / ((performance.now() - start) / 1000);
  await pool.close();
  return rate;
}

export interface RunnerBench {
  /** Best round of each side, requests per second. */
  runnerRequestsPerSecond: number;
  plainRequestsPerSecond: number;
  /** Median over rounds of runner / plain measured back to back: steadier than best / best on a busy machine. */
  ratio: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export async function benchRunner(
  options: { runs?: number; rounds?: number; warmupRounds?: number; log?: (line: string) => void } = {},
): Promise<RunnerBench> {
  const runs = options.runs ?? RUNS;
  const rounds = options.rounds ?? ROUNDS;
  const warmup = options.warmupRounds ?? WARMUP_ROUNDS;
  const log = options.log ?? ((line: string) => console.log(line));
  const spec = loadSpec();
  const generated = generateCases({ ...spec, seed: SEED, runs, transports: ALL_TRANSPORTS });
  const emulator = emulatorWorker(spec);
  let runner = 0;
  let plain = 0;
  const ratios: number[] = [];
  try {
    // The first rounds warm both sides up (JIT, connections, caches) and are not counted.
    for (let round = 1 - warmup; round <= rounds; round++) {
      const runnerTarget = await emulator.restart();
      const runnerBusy = emulator.busy();
      const measured = await runnerRate(spec, runnerTarget, runs, generated);
      const runnerLoad = runnerBusy();
      const target = await emulator.restart();
      const requests = prebuilt(spec, target, measured.sent);
      const plainBusy = emulator.busy();
      const loop = await plainRate(requests, target);
      const plainLoad = plainBusy();
      if (round <= 0) continue;
      const load = (l: { main: number; emulator: number }) =>
        `main ${(l.main * 100).toFixed(0)}% / emulator ${(l.emulator * 100).toFixed(0)}% busy`;
      log(
        `round ${round}: runner ${measured.rate.toFixed(0)} req/s (${load(runnerLoad)}), ` +
          `plain undici ${loop.toFixed(0)} req/s (${load(plainLoad)}), ${measured.sent.length} requests each`,
      );
      runner = Math.max(runner, measured.rate);
      plain = Math.max(plain, loop);
      ratios.push(measured.rate / loop);
    }
  } finally {
    await emulator.stop();
  }
  const ratio = median(ratios);
  log(
    `runner / plain undici loop: ${ratio.toFixed(2)} (median of ${rounds} rounds after ${warmup} warm-up; best ${runner.toFixed(0)} / ${plain.toFixed(0)} req/s; goal >= 0.70)`,
  );
  return { runnerRequestsPerSecond: runner, plainRequestsPerSecond: plain, ratio };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  benchRunner(quick ? { runs: 50, rounds: 3, warmupRounds: 2 } : {}).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
