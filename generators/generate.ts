import type { Case, CaseRequest } from '../lib/cases.js';
import type { Rule } from '../lib/spec/catalogue.js';
import { buildContext, type GenContext } from './context.js';
import { type Draft, toCaseRequest } from './draft.js';
import { mayCreate } from './expected.js';
import type { ParamFault } from './faults/param.js';
import { type GenerateOptions, resolveOptions } from './options.js';
import { multiFaultArbitrary } from './rules/multi-fault.js';
import { isNotReachable, type NotReachable, notReachable, type RulePlan } from './rules/plan.js';
import { PARAM_FAULTS, PLANNERS } from './rules/registry.js';
import { deriveSeed, sampleSeeded } from './seed.js';
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

/**
 * Every case for the selected rules of the catalogue, deterministic for a seed: fixed cases first
 * (boundaries, fixed faults), then `runs` random ones, then one multi-fault case per fault rule.
 */
export function generateCases(options: GenerateOptions): GeneratedCases {
  const resolved = resolveOptions(options);
  const ctx = buildContext(options.catalogue, options.profile, options.world, resolved);
  const out: GeneratedCases = { cases: [], notCovered: [], gaps: [] };
  const secondFaults = partners(ctx);
  for (const rule of options.catalogue.rules) {
    if (resolved.only !== undefined && !resolved.only.has(rule.id) && !resolved.only.has(rule.family))
      continue;
    const plan = planRule(ctx, rule);
    if (isNotReachable(plan)) {
      out.notCovered.push({ rule: rule.id, reason: plan.notCovered });
      continue;
    }
    const drafts = draftsOf(ctx, rule.id, plan, secondFaults);
    if (drafts.length === 0) {
      out.notCovered.push({ rule: rule.id, reason: 'no case could be built in this world' });
      continue;
    }
    out.cases.push(...finalise(ctx, rule.id, drafts));
    for (const gap of plan.gaps ?? []) out.gaps.push({ rule: rule.id, reason: gap });
  }
  return out;
}

export function planRule(ctx: GenContext, rule: Rule): RulePlan | NotReachable {
  const planner = PLANNERS[rule.id];
  if (planner === undefined) return notReachable(`the generators have no way to exercise ${rule.id}`);
  if (resourcesMeeting(ctx.world, rule.precondition).length === 0) {
    return notReachable(`no resource of world '${ctx.world.name}' meets: ${rule.precondition.description}`);
  }
  return planner(ctx, rule.id);
}

function draftsOf(
  ctx: GenContext,
  rule: string,
  plan: RulePlan,
  secondFaults: readonly ParamFault[],
): Draft[] {
  const { seed } = ctx.options;
  // A rule whose cases must succeed (or replay a create) has no second fault and fewer random draws.
  const faulty = !mayCreate(ctx.expected(rule));
  const creating = !faulty || ctx.rule(rule).family === 'idempotency';
  const runs = creating ? ctx.options.creatingRuns : ctx.options.runs;
  const random =
    plan.random === undefined ? [] : sampleSeeded(plan.random, deriveSeed(seed, rule, 'random'), runs);
  const multi =
    plan.shapes === undefined || !faulty ? undefined : multiFaultArbitrary(ctx, plan.shapes, secondFaults);
  const multiFault = multi === undefined ? [] : sampleSeeded(multi, deriveSeed(seed, rule, 'multi-fault'), 1);
  return [...plan.fixed, ...random, ...multiFault];
}

export const partners = (ctx: GenContext): ParamFault[] =>
  Object.values(PARAM_FAULTS).map((factory) => factory(ctx));

/** Ids `${rule}/${kind}/${index}` and transports, spread per rule from an offset fixed by the rule id. */
export function finalise(ctx: GenContext, rule: string, drafts: readonly Draft[]): Case[] {
  const counters = new Map<string, number>();
  let next = (deriveSeed(0, rule, 'transport') >>> 0) % ctx.options.transports.length;
  return drafts.map((draft) => {
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
      expected: structuredClone(draft.expected),
      disks: [...draft.disks],
      description: draft.description,
    };
    if (draft.expectGroup !== undefined) item.expectGroup = structuredClone(draft.expectGroup);
    if (draft.prelude !== undefined) {
      item.prelude = draft.prelude.map((p): CaseRequest => toCaseRequest(p, picked.transport));
    }
    if (draft.concurrent === true) item.concurrent = true;
    return item;
  });
}
