import type { RunReport } from '../runner/result.js';
import type { Acceptance, Baseline, GateResult } from './baseline-types.js';
import { compareText } from './format.js';

const failedIds = (report: RunReport): string[] =>
  report.rules
    .filter((rule) => rule.verdict === 'failed')
    .map((rule) => rule.id)
    .sort(compareText);

const passedIds = (report: RunReport): Set<string> =>
  new Set(report.rules.filter((rule) => rule.verdict === 'passed').map((rule) => rule.id));

/** `expires` is the last day the acceptance holds, in UTC. */
export const isExpired = (entry: Acceptance, today: Date): boolean =>
  entry.expires !== undefined && entry.expires < today.toISOString().slice(0, 10);

/**
 * The CI exit code. Without a baseline any failed rule fails the gate; with a previous report only rules
 * that newly fail; with an acceptance file any failure not accepted, or accepted past its expiry date.
 */
export function gate(report: RunReport, baseline: Baseline | undefined, today: Date): GateResult {
  const failing = failedIds(report);
  const passing = passedIds(report);
  let result: Omit<GateResult, 'exitCode'>;
  if (baseline === undefined) {
    result = { newFailures: failing, acceptedFailures: [], expired: [], fixed: [] };
  } else if (baseline.kind === 'report') {
    const before = new Set(failedIds(baseline.report));
    result = {
      newFailures: failing.filter((id) => !before.has(id)),
      acceptedFailures: failing.filter((id) => before.has(id)),
      expired: [],
      fixed: [...before].filter((id) => passing.has(id)).sort(compareText),
    };
  } else {
    const accepted = new Map(baseline.accepted.map((entry) => [entry.rule, entry]));
    const entryFor = (id: string): Acceptance | undefined => accepted.get(id);
    result = {
      newFailures: failing.filter((id) => !accepted.has(id)),
      acceptedFailures: failing.filter((id) => {
        const entry = entryFor(id);
        return entry !== undefined && !isExpired(entry, today);
      }),
      expired: failing.filter((id) => {
        const entry = entryFor(id);
        return entry !== undefined && isExpired(entry, today);
      }),
      fixed: [...accepted.keys()].filter((id) => passing.has(id)).sort(compareText),
    };
  }
  const exitCode = result.newFailures.length > 0 || result.expired.length > 0 ? 1 : 0;
  return { exitCode, ...result };
}

/** A few lines for the console after a gated run. */
export function renderGate(result: GateResult): string {
  const list = (ids: string[]): string => (ids.length > 0 ? ids.join(', ') : 'none');
  return [
    `gate: ${result.exitCode === 0 ? 'pass' : 'FAIL'}`,
    `  new failures: ${list(result.newFailures)}`,
    `  accepted failures: ${list(result.acceptedFailures)}`,
    `  expired acceptances: ${list(result.expired)}`,
    `  fixed: ${list(result.fixed)}`,
  ].join('\n');
}
