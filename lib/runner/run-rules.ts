import { performance } from 'node:perf_hooks';
import type { Case } from '../cases.js';
import { CROSS_CUTTING_RULES, type GroupState } from '../checks/index.js';
import { redactExchange } from '../client/index.js';
import { ToolError } from '../errors.js';
import { caseLocks, mayCreate } from './case-locks.js';
import { type CaseOutcome, executeCase } from './case-runner.js';
import { sweepGroups } from './groups.js';
import { recordOutcome, recordSkipped } from './record.js';
import type { RuleResult } from './result.js';
import { ruleResult } from './rule-result.js';
import { runScheduled } from './scheduler.js';
import type { Session } from './session.js';
import { closeSideEffectWindow, noteRefusal, openSideEffectWindow } from './side-effects.js';

/**
 * Groups a case may make: one, or one per create without a ClientToken when it sends several (a support
 * case makes two or three groups first). Creates that share a token make one group, so a replay costs one.
 */
const createCost = (c: Case): number =>
  Math.max(
    1,
    [...(c.prelude ?? []), c.request].filter(
      (req) => req.action === 'CreateSnapshotGroup' && !req.params.some(([name]) => name === 'ClientToken'),
    ).length,
  );

/** Cases ahead of the oldest not started that a run holds, per slot: enough to get past a busy disk. */
const LOOK_AHEAD_PER_SLOT = 8;

/**
 * Decides, in case order (so the same seed skips the same cases), which cases are sent, as they are
 * taken: budget and stop skips are recorded here, admitted cases go on to the scheduler.
 */
function* admit(session: Session, cases: Iterable<Case>): Generator<Case> {
  for (const c of cases) {
    if (session.aborted) {
      recordSkipped(session, c, 'stopped');
    } else if (mayCreate(c) && session.budget !== undefined) {
      const cost = createCost(c);
      if (session.budget >= cost) {
        session.budget -= cost;
        yield c;
      } else recordSkipped(session, c, 'budget');
    } else yield c;
  }
}

/** The cases as they are drawn, the time spent drawing them counted as generation. */
function* timedDraws(session: Session, cases: Iterable<Case>): Generator<Case> {
  const iterator = cases[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    const next = iterator.next();
    session.generationMs += performance.now() - started;
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * Runs cases with bounded concurrency under the create budget, and tallies them, holding only a
 * window of them, each holding its disks as `caseLocks` says. `onOutcome` sees each outcome (exchanges
 * still unredacted).
 */
async function schedule(
  session: Session,
  cases: Iterable<Case>,
  onOutcome: (outcome: CaseOutcome) => void,
  judgesRefusals: boolean,
): Promise<void> {
  const started = performance.now();
  const drawnBefore = session.generationMs;
  const admitted = admit(session, cases);
  try {
    const { notStarted } = await runScheduled(admitted, {
      concurrency: session.options.concurrency,
      lookAhead: session.options.concurrency * LOOK_AHEAD_PER_SLOT,
      locks: (c) => caseLocks(c, session.options.createsShareDisks),
      stopped: () => session.aborted,
      run: async (c) => {
        const outcome = await executeCase(session, c);
        // Every refused create is noted (a group it left is blamed on it at the next listing); it counts
        // as a case of state.no-side-effects only where a listing follows it (runRules, not runCases).
        if (noteRefusal(session, outcome.case, outcome.exchange) && judgesRefusals)
          outcome.rules.push(CROSS_CUTTING_RULES.noSideEffects);
        recordOutcome(session, outcome);
        onOutcome(outcome);
      },
    });
    for (const c of notStarted) recordSkipped(session, c, 'stopped');
    // Stopped early: the cases not drawn yet are recorded as skipped too (admit yields none once stopped).
    if (admitted.next().done !== true)
      throw new ToolError('E_INTERNAL', 'a case was admitted after the run stopped');
  } finally {
    session.executionMs += performance.now() - started - (session.generationMs - drawnBefore);
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
  await schedule(
    session,
    cases,
    (outcome) => {
      outcomes.push({
        ...outcome,
        ...(outcome.exchange !== undefined && { exchange: redactExchange(outcome.exchange) }),
        preludeExchanges: outcome.preludeExchanges.map((exchange) => redactExchange(exchange)),
        ...(outcome.state !== undefined && { state: redactState(outcome.state) }),
      });
    },
    false,
  );
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
 * given. Cases are drawn rule after rule (catalogue order) as slots free up, and dropped once judged.
 * A rule's `rule-finished` is emitted when its last case is done (at the end when one was skipped);
 * cross-cutting rules (checked on every response) at the end. Never throws for target behaviour;
 * check `session.abortError`.
 */
export async function runRules(session: Session, ruleIds: readonly string[]): Promise<RuleResult[]> {
  const selected = new Set(session.rules.map((rule) => rule.id));
  const unknown = ruleIds.filter((id) => !selected.has(id));
  if (unknown.length > 0)
    throw new ToolError('E_USAGE', `invalid rule ids for this session: ${unknown.join(', ')}`);
  const wanted = new Set(ruleIds);
  const taken = session.rules
    .map((rule) => rule.id)
    .filter((id) => wanted.has(id) && !session.settled.has(id));
  for (const id of taken) session.settled.add(id);
  const progress = new RuleProgress();
  const finished = new Set<string>();
  const finish = (id: string) => {
    finished.add(id);
    const [result] = resultsFor(session, [id]);
    if (result) session.emit({ type: 'rule-finished', result });
  };
  const stream = progress.track(timedDraws(session, casesOf(session, taken)));
  // Listed before and after the cases: a group no success made, on a refused create's disks, is its.
  const window = session.aborted ? undefined : await openSideEffectWindow(session);
  await schedule(
    session,
    stream,
    (outcome) => {
      const rule = outcome.case.rule;
      if (progress.done(rule) && !CROSS_CUTTING.has(rule)) finish(rule);
    },
    true,
  );
  await closeSideEffectWindow(session, window);
  for (const id of ruleIds) if (!finished.has(id)) finish(id);
  return resultsFor(session, ruleIds);
}

function* casesOf(session: Session, ruleIds: readonly string[]): Generator<Case> {
  for (const id of ruleIds) for (const c of session.cases.casesFor(id)) if (c.rule === id) yield c;
}

/**
 * Per rule, cases drawn and cases judged: a rule is done when its last case is judged, which is known
 * once the next rule's first case is drawn (or the stream ends). Counters only, never the cases.
 */
class RuleProgress {
  readonly #drawn = new Map<string, number>();
  readonly #judged = new Map<string, number>();
  readonly #complete = new Set<string>();

  *track(cases: Iterable<Case>): Generator<Case> {
    let current: string | undefined;
    for (const c of cases) {
      if (c.rule !== current && current !== undefined) this.#complete.add(current);
      current = c.rule;
      this.#drawn.set(c.rule, (this.#drawn.get(c.rule) ?? 0) + 1);
      yield c;
    }
    if (current !== undefined) this.#complete.add(current);
  }

  /** Counts a judged case of the rule; true when it was the rule's last. */
  done(rule: string): boolean {
    const judged = (this.#judged.get(rule) ?? 0) + 1;
    this.#judged.set(rule, judged);
    return this.#complete.has(rule) && judged === this.#drawn.get(rule);
  }
}

/**
 * Deletes whatever is left (on the reference too, in a differential run), closes the clients, detaches
 * from the signal, and writes the cassette when one is recorded.
 */
export async function closeSession(session: Session): Promise<{ leftBehind: string[] }> {
  try {
    const [own, reference] = await Promise.all([sweepGroups(session), session.reference?.close() ?? []]);
    return { leftBehind: [...own, ...reference.map((id) => `${id} (on the reference)`)] };
  } finally {
    session.detach();
    await session.cases.close?.();
    await session.client.close();
    session.recorder?.write();
  }
}
