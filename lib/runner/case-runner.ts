import type { Case, CaseRequest } from '../cases.js';
import {
  type CheckContext,
  type Finding,
  type GroupState,
  groupIdOf,
  observedRules,
  processingNotObserved,
  runChecks,
  throttledRequest,
} from '../checks/index.js';
import type { Exchange } from '../client/index.js';
import type { CaseVerdict } from './events.js';
import { freshenCase } from './freshen.js';
import { deleteGroup, describeGroup, groupRefFor, waitUntilSettled } from './groups.js';
import type { GroupRef } from './journal.js';
import { findLostGroups } from './lost-creates.js';
import type { Session } from './session.js';
import { deletedByCase, walkPages, withPreludeGroups } from './support-calls.js';

/** How one case went. Exchanges still carry secrets: redact before writing any of them. */
export interface CaseOutcome {
  case: Case;
  verdict: CaseVerdict;
  reason?: string;
  /** A passed case's remark on what it could not observe (IdempotentProcessing never came back). */
  note?: string;
  findings: Finding[];
  exchange?: Exchange;
  preludeExchanges: Exchange[];
  /** A page-walking case's further pages. */
  pages?: Exchange[];
  state?: GroupState;
  /** The case's own rule and the cross-cutting rules it bore on. */
  rules: string[];
}

interface Sent {
  exchange: Exchange;
  prelude: Exchange[];
  /** The case as sent: the prelude's group ids put in where the case named them. */
  sent: Case;
  /** A page-walking case's further pages. */
  pages?: Exchange[];
}

async function sendAll(session: Session, c: Case): Promise<Sent> {
  const prelude = c.prelude ?? [];
  if (c.concurrent) {
    const all = await session.sendAtOnce([...prelude, c.request]);
    return { exchange: all.at(-1) as Exchange, prelude: all.slice(0, -1), sent: c };
  }
  const sent: Exchange[] = [];
  const requests: CaseRequest[] = [];
  for (const req of prelude) {
    const resolved = withPreludeGroups(req, sent);
    requests.push(resolved);
    sent.push(await session.send(resolved));
  }
  const request = withPreludeGroups(c.request, sent);
  const exchange = await session.send(request);
  const pages = c.walkPages ? await walkPages(session, request, exchange) : undefined;
  const resolved: Case = { ...c, request, ...(c.prelude !== undefined && { prelude: requests }) };
  return { exchange, prelude: sent, sent: resolved, ...(pages !== undefined && { pages }) };
}

/** Every group the case's requests created, journalled at once (before anything else can fail). */
function journalCreated(
  session: Session,
  c: Case,
  requests: CaseRequest[],
  exchanges: Exchange[],
): GroupRef[] {
  const refs = new Map<string, GroupRef>();
  exchanges.forEach((exchange, index) => {
    const groupId = groupIdOf(exchange);
    const request = requests[index];
    if (groupId === undefined || request === undefined || refs.has(groupId)) return;
    const ref = groupRefFor(session, c, request, groupId);
    refs.set(groupId, ref);
    session.journal.created(ref);
  });
  return [...refs.values()];
}

/**
 * Looks at the group the case's own request created (state checks), then deletes every group the
 * case created and looks again. Deletion happens whatever the checks will say.
 */
async function inspectAndClean(
  session: Session,
  refs: GroupRef[],
  stateGroup: string | undefined,
): Promise<GroupState | undefined> {
  let state: GroupState | undefined;
  for (const ref of refs) {
    const inspected = ref.groupId === stateGroup;
    if (inspected) state = { groupId: ref.groupId };
    if (!session.aborted) {
      const settled = await waitUntilSettled(session, ref);
      if (state && inspected) state.afterCreate = settled;
    }
    const deletion = await deleteGroup(session, ref);
    if (state && inspected) {
      state.deletion = deletion;
      if (!session.aborted && deletion.response !== undefined)
        state.afterDelete = await describeGroup(session, ref);
    }
  }
  return state;
}

export interface Judgement {
  findings: Finding[];
  rules: string[];
  verdict: CaseVerdict;
  reason?: string;
  note?: string;
}

/**
 * Failed on any finding; inconclusive when a request was throttled (then nothing is checked) or got no
 * answer; passed otherwise, with a note when it could not observe all its rule allows (see
 * processingNotObserved). Checking and recording the run-wide facts happen with no
 * await between them, so that the facts other cases read stay consistent.
 */
function judge(session: Session, ctx: CheckContext): Judgement {
  const throttled = throttledRequest(ctx);
  const findings = throttled === undefined ? runChecks(ctx) : [];
  session.facts.record(ctx);
  if (throttled !== undefined)
    return { findings, rules: [ctx.case.rule], verdict: 'inconclusive', reason: throttled };
  const rules = [
    ...new Set([ctx.case.rule, ...observedRules(ctx), ...findings.map((finding) => finding.rule)]),
  ];
  if (findings.length > 0) return { findings, rules, verdict: 'failed' };
  const failure = [...ctx.preludeExchanges, ctx.exchange].find((exchange) => exchange.failure)?.failure;
  if (failure !== undefined) {
    return { findings, rules, verdict: 'inconclusive', reason: `${failure.code}: ${failure.message}` };
  }
  const note = processingNotObserved(ctx);
  return { findings, rules, verdict: 'passed', ...(note !== undefined && { note }) };
}

/**
 * Rounds of simultaneous same-token requests a concurrent case sends (each with a fresh ClientToken)
 * before it concludes that the target never reports IdempotentProcessing: one overlap may be missed by
 * chance, three in a row say the target serialises the token (which keeps the contract).
 */
export const PROCESSING_ROUNDS = 3;

/** Sends one case (prelude included), checks it, cleans up after it and records its facts. */
export async function executeCase(session: Session, generated: Case): Promise<CaseOutcome> {
  let c = freshenCase(generated);
  session.emit({ type: 'case-started', caseId: c.id, rule: c.rule });
  for (let round = 1; ; round += 1) {
    const outcome = await attempt(session, c);
    const again =
      outcome.note !== undefined && round < PROCESSING_ROUNDS && !session.aborted && spendExtraRound(session);
    if (!again) {
      return round > 1 && outcome.note !== undefined
        ? { ...outcome, note: `${outcome.note}, in each of ${round} rounds` }
        : outcome;
    }
    c = freshenCase(generated);
  }
}

/** A further round creates a group too: it spends the create budget, and none is left, no round. */
function spendExtraRound(session: Session): boolean {
  if (session.budget === undefined) return true;
  if (session.budget <= 0) return false;
  session.budget -= 1;
  return true;
}

/** What one side did with a case: its answers and what the group it created looked like. */
export interface SideOutcome {
  exchange: Exchange;
  prelude: Exchange[];
  /** The case as this side sent it: its prelude's group ids put in where the case named them. */
  sent: Case;
  /** A page-walking case's further pages. */
  pages?: Exchange[];
  state?: GroupState;
}

/**
 * One side's share of a case: its requests, then the look at the group it created and the clean-up
 * of every group it made. The candidate's session and a live reference's each run it with their own
 * sender, journal and clean-up (see reference.ts).
 */
export async function sendAndClean(session: Session, generated: Case): Promise<SideOutcome> {
  const { exchange, prelude, sent: c, pages } = await sendAll(session, generated);
  const requests = [...(c.prelude ?? []), c.request];
  const exchanges = [...prelude, exchange];
  const gone = deletedByCase(requests, exchanges);
  const refs = journalCreated(session, c, requests, exchanges).filter((ref) => !gone.has(ref.groupId));
  // Deleted by the case itself (a support case deletes a group twice): out of the journal, as any delete.
  for (const groupId of gone) {
    session.journal.deleted(groupId);
    session.emit({ type: 'cleanup', groupId, deleted: true });
  }
  const stateGroup = groupIdOf(exchange) ?? (c.concurrent ? refs[0]?.groupId : undefined);
  // Found, not answered: cleaned up like the others, never the subject of the state checks.
  const lost = await findLostGroups(session, c, requests, exchanges);
  const state = await inspectAndClean(session, [...refs, ...lost], stateGroup);
  return {
    exchange,
    prelude,
    sent: c,
    ...(pages !== undefined && { pages }),
    ...(state !== undefined && { state }),
  };
}

/**
 * One sending of the case: its requests, their clean-up, and the judgement of what came back. With a
 * reference, the same requests go to it at the same time, and each disagreement is a finding too.
 */
async function attempt(session: Session, generated: Case): Promise<CaseOutcome> {
  const reference = session.reference;
  const [mine, theirs] = await Promise.all([
    sendAndClean(session, generated),
    reference === undefined ? undefined : reference.answer(generated),
  ]);
  const { exchange, prelude, sent: c, pages, state } = mine;
  const referenceStop = reference?.stopped();
  if (referenceStop !== undefined) session.abort(referenceStop);
  const ctx: CheckContext = {
    case: c,
    exchange,
    preludeExchanges: prelude,
    run: session.facts,
    ...(state !== undefined && { state }),
    ...(pages !== undefined && { pages }),
  };
  // Recorded as generated: a replay matches its requests before their prelude group ids are put in.
  session.recorder?.record(generated, mine);
  const judged = judge(session, ctx);
  const { findings, rules, verdict, reason, note } =
    reference === undefined ? judged : reference.judge(c, mine, theirs, judged);
  return {
    case: c,
    verdict,
    ...(reason !== undefined && { reason }),
    ...(note !== undefined && { note }),
    findings,
    exchange,
    preludeExchanges: prelude,
    ...(pages !== undefined && { pages }),
    ...(state !== undefined && { state }),
    rules,
  };
}
