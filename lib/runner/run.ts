import type { ToolError } from '../errors.js';
import type { RunOptions } from './options.js';
import type { DifferentialRuleData, RuleResult } from './result.js';
import { closeSession, runRules } from './run-rules.js';
import { createSession } from './session.js';

export interface RunOutcome {
  /** Every selected rule, in catalogue order. */
  rules: RuleResult[];
  /** Groups created and not deleted: must be empty. */
  leftBehind: string[];
  /** Requests sent, retries and clean-up included. */
  requests: number;
  /** Cases sent. */
  cases: number;
  timings: { generationMs: number; executionMs: number };
  /** Why the run stopped early (E_TARGET_UNSTABLE, E_INTERRUPTED, E_INTERNAL). */
  abort?: ToolError;
  /** A differential run: the reference, and per rule what the comparison saw. */
  differential?: { reference: string; rules: Record<string, DifferentialRuleData> };
}

/**
 * Runs the whole conformance run: generate, send with bounded concurrency, check, clean up, sweep.
 * Bad options throw a ToolError before anything is sent; target behaviour is data in the outcome.
 */
export async function runConformance(options: RunOptions): Promise<RunOutcome> {
  const session = await createSession(options);
  let rules: RuleResult[] = [];
  let leftBehind: string[] = [];
  try {
    rules = await runRules(
      session,
      session.rules.map((rule) => rule.id),
    );
  } finally {
    // Also on a bug: every group created must get its deletion attempt.
    ({ leftBehind } = await closeSession(session));
  }
  const abort = session.abortError;
  const reference = session.reference;
  return {
    ...(reference !== undefined && {
      differential: { reference: reference.label, rules: Object.fromEntries(reference.rules) },
    }),
    rules,
    leftBehind,
    requests: session.requests,
    cases: session.casesRun,
    timings: { generationMs: session.generationMs, executionMs: session.executionMs },
    ...(abort !== undefined && { abort }),
  };
}
