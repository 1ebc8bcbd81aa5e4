import type { CaseKind, TransportVariant } from '../cases.js';
import type { Finding } from '../checks/finding.js';
import type { Expected, Family, Source } from '../spec/catalogue.js';

/** DESIGN.md principle 3: nothing passes silently. */
export type Verdict = 'passed' | 'failed' | 'not-covered' | 'skipped' | 'inconclusive';

/** One case as it ran; request already redacted. Kept only for failing cases and one sample per rule. */
export interface CaseRecord {
  id: string;
  kind: CaseKind;
  description: string;
  transport: TransportVariant;
  expected: Expected;
  actual: { status?: number; code?: string; transportError?: string };
  findings: Finding[];
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  reproduce: { command: string; curl: string };
}

/** Aggregated per rule, so that a 10,000-run result stays small. */
export interface RuleResult {
  id: string;
  family: Family;
  title: string;
  level: 'must' | 'should';
  source: Source;
  expected: Expected;
  verdict: Verdict;
  /** Why not covered, skipped or inconclusive. */
  reason?: string;
  casesRun: number;
  casesFailed: number;
  findings: Finding[];
  /** Failing cases (bounded) and one passing sample. */
  samples: CaseRecord[];
}

export interface ErrorRowCoverage {
  row: number;
  status: number;
  code: string;
  coverage: 'verified' | 'answered-wrongly' | 'not-covered' | 'not-reachable';
  rules: string[];
  reason?: string;
}

/** The content of conformance.json (schema: spec/report.schema.json). */
export interface RunReport {
  tool: { name: 'ecs-conformance'; version: string };
  target: { url: string; embedded: boolean };
  world: { name: string; file: string };
  profile: string;
  seed: number;
  runs: number;
  transports: TransportVariant[];
  startedAt: string;
  finishedAt: string;
  timings: { startupMs: number; generationMs: number; executionMs: number; reportingMs: number };
  totals: {
    rules: number;
    passed: number;
    failed: number;
    notCovered: number;
    skipped: number;
    inconclusive: number;
    cases: number;
    requests: number;
  };
  rules: RuleResult[];
  errorRows: ErrorRowCoverage[];
  /** Snapshot groups created and not deleted: must be empty. */
  leftBehind: string[];
}
