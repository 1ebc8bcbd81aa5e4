import { existsSync, writeFileSync } from 'node:fs';
import { inject } from 'vitest';
import { credentialsForAccount } from '../../lib/client/index.js';
import { ToolError } from '../../lib/errors.js';
import { createSession, type RunEvent, type RunOptions, type Session } from '../../lib/runner/index.js';
import { loadSpec, type Spec } from '../../lib/spec/load.js';
import { ProgressLine, plannedWork } from './progress.js';
import { idleMarker, REFERENCE_KEY_ENV, type RunInfo, type SuiteRunOptions } from './run-contract.js';

/** What every suite file shares: one engine session (client, RequestId memory, create budget). */
export interface SuiteSession {
  options: SuiteRunOptions;
  spec: Spec;
  engine: Session;
  run: RunInfo;
  /** Set by the first suite file, which reports the session's planning time (every file its draws). */
  generationReported: boolean;
}

/** Engine calls (runRules, runCases) in progress in this worker. */
let inFlight = 0;

/**
 * Every engine call goes through here. Once the run is stopped and no call is in progress, nothing is
 * in flight: the suites say so (the idle marker), and the CLI may end the worker at a second Ctrl-C
 * without losing a group it never saw in the journal.
 */
export async function engineCall<T>(session: SuiteSession, call: () => Promise<T>): Promise<T> {
  inFlight += 1;
  try {
    return await call();
  } finally {
    inFlight -= 1;
    if (session.engine.aborted) reportIdle(session.options.cancelFile);
  }
}

function reportIdle(cancelFile: string): void {
  if (inFlight === 0) writeFileSync(idleMarker(cancelFile), '');
}

let shared: Promise<SuiteSession> | undefined;

/**
 * The run's session, created by the first suite file and reused by the others: the CLI runs every suite
 * file in one worker without isolation, so this module (and its state) is loaded once.
 */
export function suiteSession(): Promise<SuiteSession> {
  shared ??= openSession();
  return shared;
}

async function openSession(): Promise<SuiteSession> {
  const options = inject('ecsConformance');
  if (options === undefined) {
    throw new ToolError(
      'E_USAGE',
      'the conformance suites run through `ecs-conformance run`, which provides the target',
    );
  }
  const spec = loadSpec({
    world: options.worldFile,
    ...(options.profile !== undefined && { profile: options.profile }),
    ...(options.openapi !== undefined && { openapi: options.openapi }),
  });
  const progress = options.progress ? new ProgressLine() : undefined;
  const engine = await createSession({
    target: options.targetUrl,
    world: spec.world,
    catalogue: spec.catalogue,
    profile: spec.profile,
    seed: options.seed,
    runs: options.runs,
    transports: options.transports,
    ...(options.only && { only: options.only }),
    concurrency: options.concurrency,
    createsShareDisks: options.createsShareDisks,
    ...(options.rate !== undefined && { rate: options.rate }),
    timeoutMs: options.timeoutMs,
    ...(options.maxCreates !== undefined && { maxCreates: options.maxCreates }),
    maxConsecutiveTransportFailures: options.maxTransportFailures,
    journalFile: options.journalFile,
    worldFile: options.worldFile,
    signal: cancellation(options.cancelFile),
    ...differential(options, spec),
    ...(progress && { onEvent: (event: RunEvent) => progress.onEvent(event) }),
  });
  const planned = plannedWork(engine, options.runs, options.families);
  progress?.plan(planned.cases, planned.rules);
  const run: RunInfo = {
    target: { url: options.targetUrl, embedded: options.embedded },
    world: { name: spec.world.name, file: options.worldFile },
    profile: spec.profile.name,
    seed: options.seed,
    runs: options.runs,
    transports: options.transports,
    startedAt: new Date().toISOString(),
    planningMs: Math.round(engine.generationMs),
    ...(options.reference !== undefined && { reference: options.reference.label }),
  };
  return { options, spec, engine, run, generationReported: false };
}

/**
 * The reference and the recorder of a differential or recording run. A live reference signs with the
 * keys the CLI chose for it (REFERENCE_KEY_ENV: the user's own only for an Alibaba Cloud endpoint), its
 * other accounts with the world's.
 */
function differential(options: SuiteRunOptions, spec: Spec): Pick<RunOptions, 'reference' | 'record'> {
  const reference = options.reference;
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: process.env[REFERENCE_KEY_ENV.accessKeyId],
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: process.env[REFERENCE_KEY_ENV.accessKeySecret],
    ALIBABA_CLOUD_SECURITY_TOKEN: process.env[REFERENCE_KEY_ENV.securityToken],
  };
  return {
    ...(reference !== undefined && {
      reference:
        'cassette' in reference
          ? { cassette: reference.cassette }
          : {
              target: reference.url,
              journalFile: reference.journalFile,
              credentials: (account: string) => credentialsForAccount(spec.world, account, env),
            },
    }),
    ...(options.record !== undefined && {
      record: { dir: options.record, toolVersion: options.toolVersion ?? 'unknown' },
    }),
  };
}

/**
 * Aborts when the CLI asks (it writes the cancel file on SIGINT / SIGTERM, as the worker may not get the
 * signal itself), or when Ctrl-C in a terminal reaches this worker too (it signals the whole group).
 * The engine then stops starting cases and cleans up after those in flight.
 */
function cancellation(cancelFile: string): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    controller.abort();
    reportIdle(cancelFile);
  };
  const poll = setInterval(() => {
    if (existsSync(cancelFile)) stop();
  }, 200);
  poll.unref();
  // Only SIGINT: vitest ends its workers with SIGTERM, which must keep its default effect.
  process.once('SIGINT', stop);
  controller.signal.addEventListener('abort', () => clearInterval(poll), { once: true });
  return controller.signal;
}
