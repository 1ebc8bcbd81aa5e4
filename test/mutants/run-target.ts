import { performance } from 'node:perf_hooks';
import { type EmulatorOptions, startEmulator } from '../../emulator/index.js';
import { ALL_TRANSPORTS } from '../../generators/transports.js';
import type { TransportVariant } from '../../lib/cases.js';
import type { Finding } from '../../lib/checks/finding.js';
import { credentialsForAccount } from '../../lib/client/index.js';
import { runConformance } from '../../lib/runner/index.js';
import type { Verdict } from '../../lib/runner/result.js';
import type { Spec } from '../../lib/spec/load.js';
import { cachedGenerate } from './generation-cache.js';

/** The CLI's embedded emulator holds a ClientToken this long, so IdempotentProcessing is observable. */
export const IDEMPOTENT_PROCESSING_MS = 150;
/** A whole run takes seconds; one taking this long is stopped and reported as an error, not a kill. */
const RUN_TIMEOUT_MS = 120_000;

export interface RunConstraints {
  seed: number;
  /** Random cases per rule beyond the deterministic ones (the CLI's default is 3). */
  runs: number;
  transports?: readonly TransportVariant[];
  /** Cases in flight within one run; the engine's default when absent. */
  concurrency?: number;
  /** A run taking longer is stopped and reported as an error, not as a kill. */
  timeoutMs?: number;
}

/** What one rule said against one target: its verdict and the checks behind its findings. */
export interface RuleOutcome {
  rule: string;
  verdict: Verdict;
  findings: number;
  checks: string[];
  /** The first finding's message, for a reader of the table. */
  example?: string;
}

/** One conformance run against one emulator, reduced to what scoring needs. */
export interface RunSummary {
  /** Rules with a finding (verdict failed), in catalogue order. */
  failed: RuleOutcome[];
  verdicts: Record<Verdict, number>;
  leftBehind: string[];
  /** Why the engine stopped early, if it did (code: message). */
  abort?: string;
  cases: number;
  requests: number;
  elapsedMs: number;
}

/** The first finding in one line: what was wrong and what came back (bounded: bodies can be long). */
const exampleOf = (finding: Finding): string => {
  const text = `${finding.caseId}: ${finding.message} (actual: ${finding.actual})`;
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
};

const NO_VERDICTS: Record<Verdict, number> = {
  passed: 0,
  failed: 0,
  'not-covered': 0,
  skipped: 0,
  inconclusive: 0,
};

/**
 * Starts an emulator seeded with the spec's world (127.0.0.1, any free port), runs the whole catalogue
 * against it, and closes it. The world's own test keys sign: the environment's keys must never be sent
 * to a local emulator (nor be needed by it).
 */
export async function runAgainstEmulator(
  spec: Spec,
  emulator: Partial<Omit<EmulatorOptions, 'world'>>,
  constraints: RunConstraints,
): Promise<RunSummary> {
  const started = performance.now();
  const server = await startEmulator({
    limits: spec.profile.limits,
    idempotentProcessingMs: IDEMPOTENT_PROCESSING_MS,
    ...emulator,
    world: spec.world,
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const outcome = await runConformance({
      target: server.url,
      world: spec.world,
      catalogue: spec.catalogue,
      profile: spec.profile,
      seed: constraints.seed,
      runs: constraints.runs,
      transports: [...(constraints.transports ?? ALL_TRANSPORTS)],
      ...(constraints.concurrency !== undefined && { concurrency: constraints.concurrency }),
      // As the CLI runs its embedded emulator: creates share disks where snapshots finish at once.
      createsShareDisks: (emulator.snapshotDurationMs ?? 0) === 0,
      timeoutMs: 10_000,
      signal: AbortSignal.timeout(constraints.timeoutMs ?? RUN_TIMEOUT_MS),
      credentials: (accountId) => credentialsForAccount(spec.world, accountId, {}),
      generate: cachedGenerate,
    });
    const verdicts = { ...NO_VERDICTS };
    for (const rule of outcome.rules) verdicts[rule.verdict] += 1;
    const failed = outcome.rules
      .filter((rule) => rule.verdict === 'failed' || rule.findings.length > 0)
      .map(
        (rule): RuleOutcome => ({
          rule: rule.id,
          verdict: rule.verdict,
          findings: rule.findings.length,
          checks: [...new Set(rule.findings.map((finding) => finding.check))].sort(),
          ...(rule.findings[0] !== undefined && { example: exampleOf(rule.findings[0]) }),
        }),
      );
    return {
      failed,
      verdicts,
      leftBehind: outcome.leftBehind,
      ...(outcome.abort !== undefined && { abort: `${outcome.abort.code}: ${outcome.abort.message}` }),
      cases: outcome.cases,
      requests: outcome.requests,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await server.close();
  }
}
