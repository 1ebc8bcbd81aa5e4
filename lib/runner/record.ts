import type { Case } from '../cases.js';
import type { CaseOutcome } from './case-runner.js';
import { caseRecord } from './samples.js';
import type { Session } from './session.js';

const where = (session: Session) => ({
  target: session.options.target,
  ...(session.options.worldFile !== undefined && { worldFile: session.options.worldFile }),
});

/** Adds a finished case to the tallies of every rule it bore on (samples built only when kept). */
export function recordOutcome(session: Session, outcome: CaseOutcome): void {
  const c = outcome.case;
  session.casesRun += 1;
  for (const rule of outcome.rules) {
    const tally = session.tally(rule);
    const findings = outcome.findings.filter((finding) => finding.rule === rule);
    tally.casesRun += 1;
    if (findings.length > 0) {
      tally.casesFailed += 1;
      tally.addFindings(findings);
      if (tally.wantsFailingSample())
        tally.failing.push(caseRecord(c, outcome.exchange, findings, where(session)));
    } else if (rule === c.rule && outcome.verdict === 'inconclusive') {
      tally.inconclusive += 1;
      tally.firstInconclusive ??= outcome.reason;
    } else if (tally.passing === undefined && outcome.verdict !== 'inconclusive') {
      tally.passing = caseRecord(c, outcome.exchange, [], where(session));
    }
  }
  session.emit({
    type: 'case-finished',
    caseId: c.id,
    rule: c.rule,
    passed: outcome.verdict === 'passed',
    verdict: outcome.verdict,
    findings: outcome.findings.length,
    ...(outcome.reason !== undefined && { reason: outcome.reason }),
  });
}

/** A case never sent: the budget was spent, or the run stopped first. */
export function recordSkipped(session: Session, c: Case, why: 'budget' | 'stopped'): void {
  const tally = session.tally(c.rule);
  if (why === 'budget') tally.skippedBudget += 1;
  else tally.notRun += 1;
  const reason =
    why === 'budget'
      ? `not sent: the max-creates budget (${session.options.maxCreates}) was spent`
      : `not sent: the run stopped first (${session.abortError?.code ?? 'stopped'})`;
  session.emit({
    type: 'case-finished',
    caseId: c.id,
    rule: c.rule,
    passed: false,
    verdict: 'skipped',
    findings: 0,
    reason,
  });
}
