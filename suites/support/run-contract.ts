// Brings 'vitest' into the program so that the augmentation below resolves in the build too.
import type {} from 'vitest';
import type { TestRunEndReason } from 'vitest/node';
import type { TransportVariant } from '../../lib/cases.js';
import type { Finding } from '../../lib/checks/finding.js';
import type { CaseRecord, DifferentialRuleData, RuleResult, RunReport } from '../../lib/runner/result.js';
import type { TallyData } from '../../lib/runner/tally.js';
import type { Family } from '../../lib/spec/catalogue.js';

/**
 * The glue between `ecs-conformance run`, the suites (running in a vitest worker) and this reporter
 * (running in the CLI's process). Everything crossing the worker boundary is plain, serialisable data:
 * run options go in through vitest's `provide`, results come back in `task.meta`, which also survives
 * vitest's blob files, so that `--merge-reports` of sharded runs rebuilds the same report.
 */
export interface SuiteRunOptions {
  targetUrl: string;
  embedded: boolean;
  /** Absolute path of the world manifest. */
  worldFile: string;
  profile?: string;
  /** An OpenAPI description of CreateSnapshotGroup whose request limits drive the generators. */
  openapi?: string;
  seed: number;
  runs: number;
  transports: TransportVariant[];
  /** Rule ids (already expanded); absent: every rule. */
  only?: string[];
  /** The families whose suite files run (a shard's share of them): what progress plans for. */
  families: Family[];
  concurrency: number;
  /** Creates on one disk may overlap: the target (and reference) finish each snapshot before answering. */
  createsShareDisks: boolean;
  /** Requests per second; absent: no cap. */
  rate?: number;
  timeoutMs: number;
  maxCreates?: number;
  maxTransportFailures: number;
  /** JSONL of groups created and deleted, read by the CLI's sweeper. */
  journalFile: string;
  /**
   * Appears when the user interrupts the run: the suites stop starting cases, and once the cases in
   * flight are answered and cleaned up they write `idleMarker(cancelFile)`.
   */
  cancelFile: string;
  reportDir: string;
  /** Print progress lines tagged for the CLI's progress reporter. */
  progress: boolean;
  /**
   * A differential run's reference: a live endpoint (an embedded one is started by the CLI), with its
   * own journal, signed with the keys in REFERENCE_KEY_ENV; or a cassette directory.
   */
  reference?: { label: string; url: string; journalFile: string } | { label: string; cassette: string };
  /** Directory a cassette of the target's answers is written to. */
  record?: string;
  /** The tool's version, named in a recorded cassette. */
  toolVersion?: string;
}

/** Where the suites' worker finds the keys that sign on a live reference (the target's are the usual names). */
export const REFERENCE_KEY_ENV = {
  accessKeyId: 'ECS_CONFORMANCE_REFERENCE_ACCESS_KEY_ID',
  accessKeySecret: 'ECS_CONFORMANCE_REFERENCE_ACCESS_KEY_SECRET',
  securityToken: 'ECS_CONFORMANCE_REFERENCE_SECURITY_TOKEN',
} as const;

/** The file the suites write once an interrupted engine has nothing in flight any more. */
export const idleMarker = (cancelFile: string): string => `${cancelFile}.idle`;

/** Run facts every suite file records, so that a merge of blob files needs nothing else. */
export interface RunInfo {
  target: { url: string; embedded: boolean };
  world: { name: string; file: string };
  profile: string;
  seed: number;
  runs: number;
  transports: TransportVariant[];
  startedAt: string;
  /** Planning the cases before `startedAt` (what is covered); the cases themselves are drawn later, as run. */
  planningMs?: number;
  /** A differential run's reference, as reports name it (URL, `embedded`, `cassette:DIR`). */
  reference?: string;
}

/** Stored in the meta of each suite file (module). */
export interface FamilyOutcome {
  family: Family;
  run: RunInfo;
  /** Rules this file meant to report on. */
  rules: string[];
  requests: number;
  cases: number;
  generationMs: number;
  executionMs: number;
  /** Time a drawing thread spent drawing this file's cases (a large run's), alongside generationMs. */
  drawingThreadMs?: number;
  leftBehind: string[];
  /** The run could not go on (target unreachable, interrupted, too many transport failures). */
  abort?: { code: string; message: string };
  /**
   * This file's share of the cross-cutting rules (checked on the responses of every family): what its
   * cases, property included, left in their tallies. The report adds up the shares of all files.
   */
  crossCutting?: Record<string, TallyData>;
  /** A differential run: what comparing with the reference saw, for this file's own rules' cases. */
  differential?: Record<string, DifferentialRuleData>;
}

/** Stored in the meta of each family's property test. */
export interface PropertyOutcome {
  family: Family;
  seed: number;
  numRuns: number;
  failure?: { rule: string; caseId: string; message: string; findings: Finding[]; sample?: CaseRecord };
  /** A tool problem, not a finding about the target. */
  error?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    ecsConformance: SuiteRunOptions;
  }
  interface TaskMeta {
    ecsRule?: RuleResult;
    ecsProperty?: PropertyOutcome;
    ecsFamily?: FamilyOutcome;
    /**
     * The cross-cutting rules a file's test judged on that file's share: its failure is a finding,
     * already counted through the file's shares (FamilyOutcome.crossCutting), not a tool problem.
     */
    ecsCrossCutting?: string[];
  }
}

export interface ReporterOutcome {
  report: RunReport;
  /** Present when the run did not finish: the CLI exits 3. */
  abort?: { code: string; message: string };
  /** Errors that are not findings: suite crashes, unhandled errors. */
  problems: string[];
  /** Files written (empty when reportDir is not set). */
  files: string[];
  reason: TestRunEndReason;
}
