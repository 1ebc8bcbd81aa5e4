import type { RuleResult, Verdict } from '../runner/result.js';
import { plural } from './markdown-text.js';

/** What a run says of its target as a whole. */
export type RunVerdictStatus = 'conformant' | 'not-conformant' | 'not-evaluated';

export interface RunVerdict {
  status: RunVerdictStatus;
  /**
   * The one sentence every output states word for word (console, summary.md, conformance.json, JUnit,
   * Allure, the compare matrix): "NOT conformant (2 failed, 1 inconclusive, 93 passed of 96 rules)".
   */
  sentence: string;
  /** The exit code the verdict alone calls for (DESIGN.md): 0, 1, or 3 when it could not be evaluated. */
  exitCode: 0 | 1 | 3;
}

/**
 * The run's verdict and its sentence, decided here only. Any failed rule makes the target NOT
 * conformant; else any inconclusive rule, or no rule checked at all, leaves it not evaluated; else it
 * is conformant. The sentence always counts failed AND inconclusive rules, so neither hides the other.
 */
export function runVerdict(report: { rules: ReadonlyArray<Pick<RuleResult, 'verdict'>> }): RunVerdict {
  const count = (verdict: Verdict) => report.rules.filter((rule) => rule.verdict === verdict).length;
  const failed = count('failed');
  const inconclusive = count('inconclusive');
  const passed = count('passed');
  const open = [
    [count('not-covered'), 'not covered'],
    [count('skipped'), 'skipped'],
  ] as const;
  const rest = open.filter(([n]) => n > 0).map(([n, word]) => `, ${n} ${word}`);
  const counts = `${failed} failed, ${inconclusive} inconclusive, ${passed} passed${rest.join('')} of ${plural(report.rules.length, 'rule')}`;
  if (failed > 0) return { status: 'not-conformant', sentence: `NOT conformant (${counts})`, exitCode: 1 };
  if (inconclusive > 0)
    return { status: 'not-evaluated', sentence: `not evaluated (${counts})`, exitCode: 3 };
  if (passed === 0) {
    return {
      status: 'not-evaluated',
      sentence: `not evaluated: no rule could be checked (${counts})`,
      exitCode: 3,
    };
  }
  return { status: 'conformant', sentence: `conformant (${counts})`, exitCode: 0 };
}

/** The mark shown before the sentence where there is room for one. */
export const VERDICT_ICON: Record<RunVerdictStatus, string> = {
  conformant: '✅',
  'not-conformant': '❌',
  'not-evaluated': '❔',
};
