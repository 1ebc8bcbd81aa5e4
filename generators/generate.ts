import type { Case, CaseRequest } from '../lib/cases.js';
import type { Rule } from '../lib/spec/catalogue.js';
import type { GenContext } from './context.js';
import { copyData } from './copy-data.js';
import { type Draft, toCaseRequest } from './draft.js';
import { mayCreate } from './expected.js';
import type { ParamFault } from './faults/param.js';
import { multiFaultArbitrary } from './rules/multi-fault.js';
import { type NotReachable, notReachable, type RulePlan } from './rules/plan.js';
import { PARAM_FAULTS, PLANNERS } from './rules/registry.js';
import { deriveSeed, sampleSeeded, streamSeeded } from './seed.js';
import { pickTransport } from './transports.js';
import { resourcesMeeting } from './world/select-cache.js';

export interface NotCovered {
  rule: string;
  reason: string;
}

export interface GeneratedCases {
  cases: Case[];
  /** Rules with no case at all, and why: reported as not covered, never as passed. */
  notCovered: NotCovered[];
  /** Rules that have cases but miss part of what they should probe (e.g. one boundary). */
  gaps: NotCovered[];
}

export function planRule(ctx: GenContext, rule: Rule): RulePlan | NotReachable {
  const planner = PLANNERS[rule.id];
  if (planner === undefined) return notReachable(`the generators have no way to exercise ${rule.id}`);
  if (resourcesMeeting(ctx.world, rule.precondition).length === 0) {
    return notReachable(`no resource of world '${ctx.world.name}' meets: ${rule.precondition.description}`);
  }
  return planner(ctx, rule.id);
}

/** The rule's drafts in case order, drawn as they are taken (random ones a chunk at a time). */
export function* draftsOf(
  ctx: GenContext,
  rule: string,
  plan: RulePlan,
  secondFaults: readonly ParamFault[],
): Generator<Draft> {
  yield* plan.fixed;
  const { seed } = ctx.options;
  const random = plan.random;
  if (random !== undefined)
    yield* streamSeeded(random, deriveSeed(seed, rule, 'random'), randomRuns(ctx, rule));
  const multi = multiFaultOf(ctx, rule, plan, secondFaults);
  if (multi !== undefined) yield* sampleSeeded(multi, deriveSeed(seed, rule, 'multi-fault'), 1);
}

/** How many drafts `draftsOf` yields, without drawing one. */
export function draftCount(
  ctx: GenContext,
  rule: string,
  plan: RulePlan,
  secondFaults: readonly ParamFault[],
): number {
  const random = plan.random === undefined ? 0 : randomRuns(ctx, rule);
  const multi = multiFaultOf(ctx, rule, plan, secondFaults) === undefined ? 0 : 1;
  return plan.fixed.length + random + multi;
}

/** A rule whose cases must succeed (or replay a create) gets no second fault. */
function multiFaultOf(ctx: GenContext, rule: string, plan: RulePlan, secondFaults: readonly ParamFault[]) {
  const faulty = !mayCreate(ctx.expected(rule));
  return plan.shapes === undefined || !faulty
    ? undefined
    : multiFaultArbitrary(ctx, plan.shapes, secondFaults);
}

/** A rule whose cases must succeed (or replay a create) has no second fault and fewer random draws. */
function randomRuns(ctx: GenContext, rule: string): number {
  const creating = mayCreate(ctx.expected(rule)) || ctx.rule(rule).family === 'idempotency';
  return creating ? ctx.options.creatingRuns : ctx.options.runs;
}

export const partners = (ctx: GenContext): ParamFault[] =>
  Object.values(PARAM_FAULTS).map((factory) => factory(ctx));

/** Ids `${rule}/${kind}/${index}` and transports, spread per rule from an offset fixed by the rule id. */
export function finalise(ctx: GenContext, rule: string, drafts: readonly Draft[]): Case[] {
  return [...finaliseEach(ctx, rule, drafts)];
}

/** `finalise`, one case at a time as drafts are taken. */
export function* finaliseEach(ctx: GenContext, rule: string, drafts: Iterable<Draft>): Generator<Case> {
  const counters = new Map<string, number>();
  let next = (deriveSeed(0, rule, 'transport') >>> 0) % ctx.options.transports.length;
  for (const draft of drafts) {
    const index = counters.get(draft.kind) ?? 0;
    counters.set(draft.kind, index + 1);
    const picked = pickTransport(ctx.options.transports, next, draft.wish);
    next = picked.next;
    const item: Case = {
      id: `${rule}/${draft.kind}/${index}`,
      rule,
      kind: draft.kind,
      request: toCaseRequest(draft.request, picked.transport),
      // Copies: a case is the caller's to keep or change, the catalogue's objects are not.
      expected: copyData(draft.expected),
      disks: [...draft.disks],
      description: draft.description,
    };
    if (draft.expectGroup !== undefined) item.expectGroup = copyData(draft.expectGroup);
    if (draft.prelude !== undefined) {
      item.prelude = draft.prelude.map((p): CaseRequest => toCaseRequest(p, picked.transport));
    }
    if (draft.concurrent === true) item.concurrent = true;
    if (draft.nearMisses !== undefined) item.nearMisses = { ...draft.nearMisses };
    if (draft.walkPages === true) item.walkPages = true;
    yield item;
  }
}
