import type { Finding } from '../checks/index.js';
import type { CaseRecord } from './result.js';

/** Bounds that keep a 10,000-case result small. */
export const MAX_FINDINGS_PER_RULE = 50;
export const MAX_FAILING_SAMPLES = 5;

/** A rule's tally as plain data: what crosses the worker boundary and vitest's blob files. */
export interface TallyData {
  casesRun: number;
  casesFailed: number;
  inconclusive: number;
  skippedBudget: number;
  notRun: number;
  findingsTotal: number;
  findings: Finding[];
  failing: CaseRecord[];
  passing?: CaseRecord;
  /** Reason of the inconclusive case first in case order, and its id. */
  firstInconclusive?: string;
  firstInconclusiveId?: string;
}

/** Natural order of case ids (`rule/kind/10` after `rule/kind/9`): the same on every machine. */
export function compareCaseIds(a: string, b: string): number {
  const left = a.split(/(\d+)/);
  const right = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    // Odd chunks are the digit runs.
    if (i % 2 === 1 && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Samples and findings order for a rule: the rule's own cases first, then case id order. */
export function compareForRule(rule: string, a: string, b: string): number {
  const own = (id: string) => (id.startsWith(`${rule}/`) ? 0 : 1);
  return own(a) - own(b) || compareCaseIds(a, b);
}

/** Inserts in order (after equal keys, so a case's findings keep their order) and keeps the first `cap`. */
function insertCapped<T>(list: T[], items: readonly T[], cap: number, compare: (a: T, b: T) => number): void {
  for (const item of items) {
    let at = list.length;
    while (at > 0 && compare(list[at - 1] as T, item) > 0) at -= 1;
    if (at >= cap) continue;
    list.splice(at, 0, item);
    if (list.length > cap) list.length = cap;
  }
}

/**
 * What the cases that bore on one rule left: counts, bounded findings and bounded samples. Findings and
 * samples are kept in case order (not completion order), so that one seed gives one report, and
 * tallies of disjoint sets of cases add up to the tally of their union (see `mergeTallies`).
 */
export class RuleTally implements TallyData {
  casesRun = 0;
  casesFailed = 0;
  inconclusive = 0;
  /** Never sent: the create budget was spent. */
  skippedBudget = 0;
  /** Never sent: the run stopped first. */
  notRun = 0;
  findingsTotal = 0;
  readonly findings: Finding[] = [];
  readonly failing: CaseRecord[] = [];
  passing: CaseRecord | undefined;
  firstInconclusive: string | undefined;
  firstInconclusiveId: string | undefined;

  addFindings(rule: string, findings: readonly Finding[]): void {
    this.findingsTotal += findings.length;
    insertCapped(this.findings, findings, MAX_FINDINGS_PER_RULE, (a, b) =>
      compareForRule(rule, a.caseId, b.caseId),
    );
  }

  /** A failing sample of this case is wanted (and worth building) only if it would be kept. */
  wantsFailingSample(rule: string, caseId: string): boolean {
    const last = this.failing[MAX_FAILING_SAMPLES - 1];
    return last === undefined || compareForRule(rule, caseId, last.id) < 0;
  }

  addFailing(rule: string, records: readonly CaseRecord[]): void {
    insertCapped(this.failing, records, MAX_FAILING_SAMPLES, (a, b) => compareForRule(rule, a.id, b.id));
  }

  wantsPassingSample(rule: string, caseId: string): boolean {
    return this.passing === undefined || compareForRule(rule, caseId, this.passing.id) < 0;
  }

  addInconclusive(caseId: string, reason: string | undefined, count = 1): void {
    this.inconclusive += count;
    if (this.firstInconclusiveId === undefined || compareCaseIds(caseId, this.firstInconclusiveId) < 0) {
      this.firstInconclusiveId = caseId;
      this.firstInconclusive = reason;
    }
  }

  /** Plain data (for task meta); undefined fields left out. */
  toData(): TallyData {
    return {
      casesRun: this.casesRun,
      casesFailed: this.casesFailed,
      inconclusive: this.inconclusive,
      skippedBudget: this.skippedBudget,
      notRun: this.notRun,
      findingsTotal: this.findingsTotal,
      findings: [...this.findings],
      failing: [...this.failing],
      ...(this.passing !== undefined && { passing: this.passing }),
      ...(this.firstInconclusive !== undefined && { firstInconclusive: this.firstInconclusive }),
      ...(this.firstInconclusiveId !== undefined && { firstInconclusiveId: this.firstInconclusiveId }),
    };
  }
}

/** The tally of the union of disjoint sets of cases, from the tallies of each (order does not matter). */
export function mergeTallies(rule: string, parts: readonly TallyData[]): RuleTally {
  const total = new RuleTally();
  for (const part of parts) {
    total.casesRun += part.casesRun;
    total.casesFailed += part.casesFailed;
    total.skippedBudget += part.skippedBudget;
    total.notRun += part.notRun;
    total.findingsTotal += part.findingsTotal;
    insertCapped(total.findings, part.findings, MAX_FINDINGS_PER_RULE, (a, b) =>
      compareForRule(rule, a.caseId, b.caseId),
    );
    total.addFailing(rule, part.failing);
    if (part.passing && total.wantsPassingSample(rule, part.passing.id)) total.passing = part.passing;
    if (part.inconclusive > 0)
      total.addInconclusive(part.firstInconclusiveId ?? '', part.firstInconclusive, part.inconclusive);
  }
  return total;
}
