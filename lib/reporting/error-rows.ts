import type { ErrorRowCoverage, RuleResult } from '../runner/result.js';
import type { Catalogue, ErrorPair, ErrorRow } from '../spec/catalogue.js';

/**
 * How each row of the page's error table fared in a run. A row is only `verified` when a rule mapped to it
 * ran and passed; a failing mapped rule outweighs a passing one (nothing passes silently).
 */
export function errorRowCoverage(
  catalogue: Pick<Catalogue, 'errorRows'>,
  rules: readonly RuleResult[],
): ErrorRowCoverage[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return [...catalogue.errorRows].sort((a, b) => a.row - b.row).map((row) => coverRow(row, byId));
}

function coverRow(row: ErrorRow, byId: Map<string, RuleResult>): ErrorRowCoverage {
  const base = { row: row.row, status: row.status, code: row.code, rules: [...row.rules].sort() };
  if (row.notReachable !== undefined) return { ...base, coverage: 'not-reachable', reason: row.notReachable };
  if (row.rules.length === 0)
    return { ...base, coverage: 'not-covered', reason: 'no rule is mapped to this row' };

  const results = base.rules.map((id) => byId.get(id));
  const failed = results.filter((r): r is RuleResult => r?.verdict === 'failed');
  const passed = results.filter((r): r is RuleResult => r?.verdict === 'passed');
  if (failed.length > 0) {
    const extra = passed.length > 0 ? `; passed: ${passed.map((r) => r.id).join(', ')}` : '';
    return {
      ...base,
      coverage: 'answered-wrongly',
      reason: `failed: ${failed.map((r) => r.id).join(', ')}${extra}`,
    };
  }
  if (passed.length > 0) {
    const alternative = answeredWithAlternative(row, passed);
    return { ...base, coverage: 'verified', ...(alternative && { reason: alternative }) };
  }
  const why = base.rules.map((id, i) => {
    const result = results[i];
    if (!result) return `${id}: not in this run`;
    return `${id}: ${result.verdict}${result.reason ? ` (${result.reason})` : ''}`;
  });
  return { ...base, coverage: 'not-covered', reason: why.join('; ') };
}

function pairMatches(pair: ErrorPair, code: string | undefined, status: number | undefined): boolean {
  if (code === undefined || status !== pair.status) return false;
  return pair.codeMatch === 'prefix' ? code.startsWith(pair.code) : code === pair.code;
}

/**
 * A rule with documented alternatives passes on any of them: say so when the passing sample shows another
 * row's code, so that a reader does not take this row's exact code as observed.
 */
function answeredWithAlternative(row: ErrorRow, passed: RuleResult[]): string | undefined {
  const rowPair: ErrorPair = {
    code: row.code,
    status: row.status,
    codeMatch: row.code.includes('%') ? 'prefix' : 'exact',
  };
  if (rowPair.codeMatch === 'prefix') rowPair.code = row.code.slice(0, row.code.indexOf('%'));
  // Only the rule's own cases: a cross-cutting or multi-fault case of another rule says nothing of this row.
  const observed = passed.flatMap((rule) =>
    rule.samples.filter((sample) => sample.id.startsWith(`${rule.id}/`)).map((sample) => sample.actual),
  );
  const withCode = observed.filter((actual) => actual.code !== undefined);
  if (withCode.length === 0 || withCode.some((a) => pairMatches(rowPair, a.code, a.status))) return undefined;
  const first = withCode[0];
  return first
    ? `passed with the documented alternative ${first.code} ${first.status ?? ''}`.trimEnd()
    : undefined;
}
