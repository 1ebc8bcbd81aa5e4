import type { Acceptance, Baseline } from './baseline-types.js';
import { asRunReport, configError, readDataFile } from './read-files.js';
import { acceptanceProblems, formatProblems } from './schemas.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asAcceptance(file: string, value: unknown): Acceptance[] {
  const problems = acceptanceProblems(value);
  const first = problems[0];
  if (first) throw configError(file, first.path, `not a valid acceptance file: ${formatProblems(problems)}`);
  const accepted = (value as { accepted: Acceptance[] }).accepted;
  const seen = new Set<string>();
  accepted.forEach((entry, index) => {
    if (seen.has(entry.rule))
      throw configError(file, `/accepted/${index}/rule`, `"${entry.rule}" is listed twice`);
    seen.add(entry.rule);
    if (entry.expires !== undefined && !isRealDate(entry.expires)) {
      throw configError(file, `/accepted/${index}/expires`, `"${entry.expires}" is not a calendar date`);
    }
  });
  return accepted;
}

/** The schema's pattern lets 2025-02-31 through. */
function isRealDate(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/** `--baseline FILE`: a previous conformance.json, or an acceptance file (spec/baseline.schema.json). */
export function loadBaseline(file: string): Baseline {
  const value = readDataFile(file);
  if (isObject(value) && 'accepted' in value)
    return { kind: 'acceptance', file, accepted: asAcceptance(file, value) };
  if (isObject(value) && ('tool' in value || 'rules' in value)) {
    return { kind: 'report', file, report: asRunReport(file, value) };
  }
  throw configError(
    file,
    '/',
    'neither a conformance.json (with "tool" and "rules") nor an acceptance file (with "accepted")',
  );
}
