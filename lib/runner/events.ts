import type { ToolError } from '../errors.js';
import type { RuleResult } from './result.js';

/** How one case ended. `skipped`: never sent (budget, or the run stopped first). */
export type CaseVerdict = 'passed' | 'failed' | 'inconclusive' | 'skipped';

/**
 * What the engine tells its listeners while it runs (progress displays, report writers). Listeners
 * must not throw: a throwing listener stops the run with E_INTERNAL (after clean-up).
 */
export type RunEvent =
  | { type: 'case-started'; caseId: string; rule: string }
  | {
      type: 'case-finished';
      caseId: string;
      rule: string;
      passed: boolean;
      verdict: CaseVerdict;
      findings: number;
      /** Why skipped or inconclusive. */
      reason?: string;
    }
  /** All cases that bear on the rule ran (cross-cutting rules: at the end of runRules). */
  | { type: 'rule-finished'; result: RuleResult }
  /** A created group was deleted (`deleted`), or its deletion failed (the final sweep retries it). */
  | { type: 'cleanup'; groupId: string; deleted: boolean }
  /** Groups the final sweep could not delete. */
  | { type: 'left-behind'; groupIds: string[] }
  /** The run stops starting cases; in-flight cases finish and clean up. */
  | { type: 'aborted'; error: ToolError };
