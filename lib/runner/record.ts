import type { Case } from '../cases.js';
import type { CaseOutcome } from './case-runner.js';
import { caseRecord } from './samples.js';
import type { Session } from './session.js';
import { RuleTally, type TallyData } from './tally.js';

const where = (session: Session) => ({
  target: session.options.target,
  ...(session.options.worldFile !== undefined && { worldFile: session.options.worldFile }),
});

/** Extra tallies fed alongside the session's own, while someone watches (see `watchTallies`). */
const watchers = new WeakMap<Session, Set<Map<string, RuleTally>>>();

function talliesFor(session: Session, rule: string): RuleTally[] {
  const extra = [...(watchers.get(session) ?? [])].flatMap((watched) => {
    if (!watched.has(rule)) return [];
    return [watched.get(rule) as RuleTally];
  });
  return [session.tally(rule), ...extra];
}

/**
 * Tallies, from now until `stop()`, what the cases finishing in between leave for the given rules:
 * a suite file's share of the cross-cutting rules, which every family's cases bear on, so that shards
 * (each with its own session) add up to the unsharded run.
 */
export function watchTallies(
  session: Session,
  rules: readonly string[],
): { stop: () => Record<string, TallyData> } {
  const watched = new Map(rules.map((rule) => [rule, new RuleTally()]));
  let set = watchers.get(session);
  if (set === undefined) {
    set = new Set();
    watchers.set(session, set);
  }
  set.add(watched);
  return {
    stop: () => {
      set.delete(watched);
      return Object.fromEntries([...watched].map(([rule, tally]) => [rule, tally.toData()]));
    },
  };
}

/** Adds a finished case to the tallies of every rule it bore on (samples built only when kept). */
export function recordOutcome(session: Session, outcome: CaseOutcome): void {
  const c = outcome.case;
  session.casesRun += 1;
  for (const rule of outcome.rules) {
    const findings = outcome.findings.filter((finding) => finding.rule === rule);
    for (const tally of talliesFor(session, rule)) {
      tally.casesRun += 1;
      if (findings.length > 0) {
        tally.casesFailed += 1;
        tally.addFindings(rule, findings);
        if (tally.wantsFailingSample(rule, c.id))
          tally.addFailing(rule, [caseRecord(c, outcome.exchange, findings, where(session))]);
      } else if (rule === c.rule && outcome.verdict === 'inconclusive') {
        tally.addInconclusive(c.id, outcome.reason);
      } else if (outcome.verdict !== 'inconclusive' && tally.wantsPassingSample(rule, c.id)) {
        tally.passing = caseRecord(c, outcome.exchange, [], where(session));
      }
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
  for (const tally of talliesFor(session, c.rule)) {
    if (why === 'budget') tally.skippedBudget += 1;
    else tally.notRun += 1;
  }
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
