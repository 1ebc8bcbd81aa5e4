import { performance } from 'node:perf_hooks';
import type { Case } from '../cases.js';
import { CROSS_CUTTING_RULES, type GroupState } from '../checks/index.js';
import { redactExchange } from '../client/index.js';
import { ToolError } from '../errors.js';
import { type CaseOutcome, executeCase } from './case-runner.js';
import { sweepGroups } from './groups.js';
import { recordOutcome, recordSkipped } from './record.js';
import type { RuleResult } from './result.js';
import { ruleResult } from './rule-result.js';
import { runScheduled } from './scheduler.js';
import type { Session } from './session.js';

/** A case that may create a group (a valid request, or one set up by a creating prelude) spends budget. */
const mayCreate = (c: Case): boolean =>
  c.expectGroup !== undefined ||
  c.expected.kind === 'success' ||
  (c.prelude ?? []).some((req) => req.action === 'CreateSnapshotGroup');

/**
 * Decides, in case order (so the same seed skips the same cases), which cases are sent. With `once`
 * (the session's own cases), a case the session already ran or skipped is left out.
 */
function admit(session: Session, cases: readonly Case[], once: boolean): Case[] {
  const admitted: Case[] = [];
  for (const c of cases) {
    if (once) {
      if (session.settled.has(c.id)) continue;
      session.settled.add(c.id);
    }
    if (session.aborted) {
      recordSkipped(session, c, 'stopped');
    } else if (mayCreate(c) && session.budget !== undefined) {
      if (session.budget > 0) {
        session.budget -= 1;
        admitted.push(c);
      } else recordSkipped(session, c, 'budget');
    } else admitted.push(c);
  }
  return admitted;
}

/**
 * Runs cases with bounded concurrency under the create budget, and tallies them. A case that may
 * create holds its disks alone; cases expected to be refused share theirs with each other.
 * `onOutcome` sees each outcome (exchanges still unredacted).
 */
async function schedule(
  session: Session,
  cases: readonly Case[],
  once: boolean,
  onOutcome: (outcome: CaseOutcome) => void,
): Promise<void> {
  const admitted = admit(session, cases, once);
  const started = performance.now();
  try {
    const { notStarted } = await runScheduled(admitted, {
      concurrency: session.options.concurrency,
      locks: (c) => (mayCreate(c) ? { exclusive: c.disks, shared: [] } : { exclusive: [], shared: c.disks }),
      stopped: () => session.aborted,
      run: async (c) => {
        const outcome = await executeCase(session, c);
        recordOutcome(session, outcome);
        onOutcome(outcome);
      },
    });
    for (const c of notStarted) recordSkipped(session, c, 'stopped');
  } finally {
    session.executionMs += performance.now() - started;
  }
}

const redactState = (state: GroupState): GroupState => ({
  groupId: state.groupId,
  ...(state.afterCreate && { afterCreate: redactExchange(state.afterCreate) }),
  ...(state.deletion && { deletion: redactExchange(state.deletion) }),
  ...(state.afterDelete && { afterDelete: redactExchange(state.afterDelete) }),
});

/**
 * Runs the given cases (a property's generated ones, say: even when an id repeats) and returns
 * their outcomes, in completion order, every exchange redacted. They count in the session's tallies.
 */
export async function runCases(session: Session, cases: readonly Case[]): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  await schedule(session, cases, false, (outcome) => {
    outcomes.push({
      ...outcome,
      ...(outcome.exchange !== undefined && { exchange: redactExchange(outcome.exchange) }),
      preludeExchanges: outcome.preludeExchanges.map((exchange) => redactExchange(exchange)),
      ...(outcome.state !== undefined && { state: redactState(outcome.state) }),
    });
  });
  return outcomes;
}

const CROSS_CUTTING = new Set<string>(Object.values(CROSS_CUTTING_RULES));

export function resultsFor(session: Session, ruleIds: readonly string[]): RuleResult[] {
  return ruleIds.map((id) => {
    const rule = session.rules.find((r) => r.id === id);
    if (rule === undefined) throw new ToolError('E_INTERNAL', `rule ${id} is not selected in this session`);
    return ruleResult(rule, session.tallies.get(id), session.notCovered.get(id));
  });
}

/**
 * Runs the session's cases of these rules (those not run yet) and returns their results, in the order
 * given. A rule's `rule-finished` is emitted when its last case is done; cross-cutting rules (checked
 * on every response) at the end. Never throws for target behaviour; check `session.abortError`.
 */
export async function runRules(session: Session, ruleIds: readonly string[]): Promise<RuleResult[]> {
  const selected = new Set(session.rules.map((rule) => rule.id));
  const unknown = ruleIds.filter((id) => !selected.has(id));
  if (unknown.length > 0)
    throw new ToolError('E_USAGE', `invalid rule ids for this session: ${unknown.join(', ')}`);
  const wanted = new Set(ruleIds);
  const cases = session.cases.filter((c) => wanted.has(c.rule));
  const pending = new Map<string, number>();
  for (const c of cases) if (!session.settled.has(c.id)) pending.set(c.rule, (pending.get(c.rule) ?? 0) + 1);
  const finished = new Set<string>();
  const finish = (id: string) => {
    finished.add(id);
    const [result] = resultsFor(session, [id]);
    if (result) session.emit({ type: 'rule-finished', result });
  };
  await schedule(session, cases, true, (outcome) => {
    const rule = outcome.case.rule;
    const left = (pending.get(rule) ?? 1) - 1;
    pending.set(rule, left);
    if (left === 0 && !CROSS_CUTTING.has(rule)) finish(rule);
  });
  for (const id of ruleIds) if (!finished.has(id)) finish(id);
  return resultsFor(session, ruleIds);
}

/** Deletes whatever is left, closes the client and detaches from the signal. */
export async function closeSession(session: Session): Promise<{ leftBehind: string[] }> {
  try {
    return { leftBehind: await sweepGroups(session) };
  } finally {
    session.detach();
    await session.client.close();
  }
}
