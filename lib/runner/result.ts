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
  /** Request-schema keywords its cases broke or sat on (location → counts; see SCHEMA_SAMPLE_PER_RULE). */
  schema?: Record<string, { violated: number; atEdge: number }>;
  /** Its own cases sent per signature, method and format (`v2`, `v3`, `POST`, `GET`, `JSON`, `XML`). */
  transports?: Record<string, number>;
  /**
   * Near misses of forbidden words its own cases sent, per field (`Name`, `Description`, `Tag.N.Key`,
   * `Tag.N.Value`), and how many the target accepted and refused (issue 16: over-strict targets).
   */
  nearMisses?: Record<string, { sent: number; accepted: number; refused: number }>;
}

/** One keyword of the OpenAPI request schema, and what the run's cases did with it. */
export interface SchemaKeywordCoverage {
  /** JSON pointer into the request schema: `/properties/Name/maxLength`. */
  location: string;
  /** Rules of the catalogue that name it; empty: no documented rule maps to it. */
  rules: string[];
  /** Sampled cases that broke it. */
  violated: number;
  /** Sampled cases that sat exactly on its bound without breaking it (bounds only). */
  atEdge: number;
  /** Whether it has a bound, so that an edge can be sat on. */
  bounded: boolean;
}

export interface ErrorRowCoverage {
  row: number;
  status: number;
  code: string;
  coverage: 'verified' | 'answered-wrongly' | 'not-covered' | 'not-reachable';
  rules: string[];
  reason?: string;
}

/** One family's share of a run: its cases and requests, and the time spent drawing and running them. */
export interface FamilyTiming {
  cases: number;
  requests: number;
  generationMs: number;
  executionMs: number;
}

/** Per rule (the case's own) in a differential run: what comparing both sides' answers saw. */
export interface DifferentialRuleData {
  /** Cases answered by both sides and compared. */
  compared: number;
  /** Compared cases where the sides disagreed (each is a finding of the rule). */
  disagreeing: number;
  /** Cases not compared: the reference had no answer, or one side's answer was lost, throttled or inconclusive. */
  uncompared: number;
  /**
   * For a rule whose expectation accepts several answers: which the reference gave to the rule's own
   * request (`400 InvalidParameter` → cases). The catalogue's ambiguity, settled by evidence.
   */
  referenceAnswers?: Record<string, number>;
}

/** conformance.json's `differential` section: the run compared the target with a reference. */
export interface DifferentialReport {
  /** The reference's URL, `embedded` (a second embedded emulator) or `cassette:DIR`. */
  reference: string;
  compared: number;
  disagreeing: number;
  uncompared: number;
  /** Rules with at least one case compared or not, in catalogue report order. */
  rules: Array<{ rule: string } & DifferentialRuleData>;
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
  timings: {
    startupMs: number;
    generationMs: number;
    executionMs: number;
    reportingMs: number;
    /** Time a drawing thread spent drawing the cases, alongside the run (large runs only). */
    drawingThreadMs?: number;
    /** Per family (suite file): where a large run's time goes, phase by phase. */
    families?: Partial<Record<Family, FamilyTiming>>;
  };
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
  /** Keywords of the OpenAPI request schema, and whether the cases exercised each on both sides. */
  schemaCoverage?: SchemaKeywordCoverage[];
  /** Snapshot groups created and not deleted: must be empty. */
  leftBehind: string[];
  /** Present when the run compared the target with a reference (`run --reference`). */
  differential?: DifferentialReport;
}
