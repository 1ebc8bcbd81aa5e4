import type { Finding } from '../checks/index.js';
import type { CaseRecord } from './result.js';

/** Bounds that keep a 10,000-case result small. */
export const MAX_FINDINGS_PER_RULE = 50;
export const MAX_FAILING_SAMPLES = 5;

/** What the cases that bore on one rule left: counts, bounded findings and bounded samples. */
export class RuleTally {
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

  addFindings(findings: readonly Finding[]): void {
    this.findingsTotal += findings.length;
    for (const finding of findings) {
      if (this.findings.length < MAX_FINDINGS_PER_RULE) this.findings.push(finding);
    }
  }

  /** A failing sample is wanted (and built) only while fewer than the bound are kept. */
  wantsFailingSample(): boolean {
    return this.failing.length < MAX_FAILING_SAMPLES;
  }
}
