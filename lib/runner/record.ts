import type { Case } from '../cases.js';
import type { Finding } from '../checks/index.js';
import { rejected, succeeded } from '../checks/response.js';
import { schemaTouches } from '../checks/schema-touches.js';
import type { CaseOutcome } from './case-runner.js';
import type { CaseRecord } from './result.js';
import { caseSample } from './samples.js';
import type { Session } from './session.js';
import { RuleTally, SCHEMA_SAMPLE_PER_RULE, type TallyData } from './tally.js';

const where = (session: Session) => ({
  target: session.options.target,
  ...(session.options.worldFile !== undefined && { worldFile: session.options.worldFile }),
});

/** Extra tallies fed alongside the session's own, while someone watches (see `watchTallies`). */
const watchers = new WeakMap<Session, Set<Map<string, RuleTally>>>();

/** The session's tally of the rule, then those of the watchers that watch it. */
function forEachTally(session: Session, rule: string, visit: (tally: RuleTally) => void): void {
  visit(session.tally(rule));
  for (const watched of watchers.get(session) ?? []) {
    const tally = watched.get(rule);
    if (tally !== undefined) visit(tally);
  }
}

/**
 * Tallies, from now until `stop()` (`peek()` reads them meanwhile), what the cases finishing in between
 * leave for the given rules: a suite file's share of the cross-cutting rules, which every family's
 * cases bear on, so that shards (each with its own session) add up to the unsharded run.
 */
export function watchTallies(
  session: Session,
  rules: readonly string[],
): { peek: () => Record<string, TallyData>; stop: () => Record<string, TallyData> } {
  const watched = new Map(rules.map((rule) => [rule, new RuleTally()]));
  let set = watchers.get(session);
  if (set === undefined) {
    set = new Set();
    watchers.set(session, set);
  }
  set.add(watched);
  const peek = () => Object.fromEntries([...watched].map(([rule, tally]) => [rule, tally.toData()]));
  return {
    peek,
    stop: () => {
      set.delete(watched);
      return peek();
    },
  };
}

/** Adds a finished case to the tallies of every rule it bore on (samples built only when read). */
export function recordOutcome(session: Session, outcome: CaseOutcome): void {
  const c = outcome.case;
  session.casesRun += 1;
  const at = where(session);
  let passing: (() => CaseRecord) | undefined;
  for (const rule of outcome.rules) {
    const findings = outcome.findings.filter((finding) => finding.rule === rule);
    const failing = findings.length > 0 ? caseSample(c, outcome.exchange, findings, at) : undefined;
    forEachTally(session, rule, (tally) => {
      tally.casesRun += 1;
      if (failing !== undefined) {
        tally.casesFailed += 1;
        tally.addFindings(rule, findings);
        tally.offerFailing(rule, c.id, failing);
      } else if (rule === c.rule && outcome.verdict === 'inconclusive') {
        tally.addInconclusive(c.id, outcome.reason);
      } else if (outcome.verdict !== 'inconclusive') {
        passing ??= caseSample(c, outcome.exchange, [], at);
        tally.offerPassing(rule, c.id, passing);
        if (rule === c.rule && outcome.note !== undefined) tally.addNote(c.id, outcome.note);
      }
    });
  }
  const own = session.tally(c.rule);
  own.addTransport(c.request.transport);
  if (c.nearMisses !== undefined) addNearMisses(own, c.nearMisses, outcome);
  if (readsSchema(c)) own.addSchema(schemaTouches(c.request.params));
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

/** A case's near misses, per field: each accepted or refused with the request (neither without an answer). */
function addNearMisses(
  tally: RuleTally,
  fields: Partial<Record<string, number>>,
  outcome: CaseOutcome,
): void {
  const exchange = outcome.exchange;
  const accepted = exchange !== undefined && succeeded(exchange);
  const refused = exchange !== undefined && rejected(exchange);
  for (const [field, sent = 0] of Object.entries(fields))
    tally.addNearMisses(field, { sent, accepted: accepted ? sent : 0, refused: refused ? sent : 0 });
}

/**
 * Findings a rule judged across the run rather than case by case (state.no-side-effects): each names
 * the cases it is about; `failedCases` of the cases already counted as run are counted as failed.
 */
export function recordRunFindings(
  session: Session,
  rule: string,
  findings: readonly Finding[],
  failedCases: number,
): void {
  forEachTally(session, rule, (tally) => {
    tally.casesFailed += failedCases;
    tally.addFindings(rule, findings);
  });
}

/** A rule judged across the run could not be judged (a look-up failed): inconclusive, never passed. */
export function recordRunInconclusive(session: Session, rule: string, caseId: string, reason: string): void {
  forEachTally(session, rule, (tally) => tally.addInconclusive(caseId, reason));
}

/** Whether a sent case is read against the request schema: the first of each kind of a rule's creates. */
function readsSchema(c: Case): boolean {
  if (c.request.action !== 'CreateSnapshotGroup') return false;
  const ordinal = Number(c.id.slice(c.id.lastIndexOf('/') + 1));
  return ordinal < SCHEMA_SAMPLE_PER_RULE;
}

/** A case never sent: the budget was spent, or the run stopped first. */
export function recordSkipped(session: Session, c: Case, why: 'budget' | 'stopped'): void {
  forEachTally(session, c.rule, (tally) => {
    if (why === 'budget') tally.skippedBudget += 1;
    else tally.notRun += 1;
  });
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
