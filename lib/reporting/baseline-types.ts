import type { RunReport } from '../runner/result.js';

/** One accepted failure (spec/baseline.schema.json). */
export interface Acceptance {
  rule: string;
  reason: string;
  /** YYYY-MM-DD, the last day (UTC) the acceptance holds. */
  expires?: string;
}

export interface AcceptanceFile {
  accepted: Acceptance[];
}

/** What `--baseline FILE` held: a previous run, or a list of accepted failures. */
export type Baseline =
  | { kind: 'report'; file: string; report: RunReport }
  | { kind: 'acceptance'; file: string; accepted: Acceptance[] };

export interface GateResult {
  exitCode: 0 | 1;
  /** Failing now and neither failing in the previous run nor accepted. */
  newFailures: string[];
  /** Failing now, but already failing in the previous run or accepted (unexpired). */
  acceptedFailures: string[];
  /** Failing now with an acceptance whose expiry date has passed: counted as failures. */
  expired: string[];
  /** Failing in the previous run or accepted, and passing now. */
  fixed: string[];
}
