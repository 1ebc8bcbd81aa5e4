/** A fact about the target's behaviour (DESIGN.md principle 6): data, never thrown. */
export interface Finding {
  /** Name of the check that produced it, e.g. "errorCodeMatchesRule". */
  check: string;
  rule: string;
  caseId: string;
  message: string;
  expected: string;
  actual: string;
}
