import type { Case } from '../lib/cases.js';
import { buildContext } from './context.js';
import {
  draftCount,
  draftsOf,
  finaliseEach,
  type GeneratedCases,
  type NotCovered,
  partners,
  planRule,
} from './generate.js';
import { type GenerateOptions, resolveOptions } from './options.js';
import { isNotReachable, type RulePlan } from './rules/plan.js';

/**
 * A run's cases, rule by rule, drawn only as they are taken: a run of any size holds a window of
 * cases, not all of them. What is covered is known up front (planning draws no random case).
 */
export interface CaseSource {
  /** Selected rules that have cases, in catalogue order. */
  rules: string[];
  /** Rules with no case at all, and why: reported as not covered, never as passed. */
  notCovered: NotCovered[];
  /** Rules that have cases but miss part of what they should probe (e.g. one boundary). */
  gaps: NotCovered[];
  /**
   * The rule's cases in order, drawn afresh on each call: the same cases, byte for byte and with the
   * same ids, whether the rule is generated alone or with every other (its seeds derive from its id).
   * Empty for a rule not in `rules`.
   */
  casesFor(rule: string): Iterable<Case>;
  /** How many cases `casesFor(rule)` gives (0 for a rule not in `rules`): for progress displays. */
  plannedFor(rule: string): number;
}

export function caseSource(options: GenerateOptions): CaseSource {
  const resolved = resolveOptions(options);
  const ctx = buildContext(options.catalogue, options.profile, options.world, resolved);
  const secondFaults = partners(ctx);
  const plans = new Map<string, RulePlan>();
  const counts = new Map<string, number>();
  const notCovered: NotCovered[] = [];
  const gaps: NotCovered[] = [];
  for (const rule of options.catalogue.rules) {
    if (resolved.only !== undefined && !resolved.only.has(rule.id) && !resolved.only.has(rule.family))
      continue;
    const plan = planRule(ctx, rule);
    if (isNotReachable(plan)) {
      notCovered.push({ rule: rule.id, reason: plan.notCovered });
      continue;
    }
    const count = draftCount(ctx, rule.id, plan, secondFaults);
    if (count === 0) {
      notCovered.push({ rule: rule.id, reason: 'no case could be built in this world' });
      continue;
    }
    plans.set(rule.id, plan);
    counts.set(rule.id, count);
    for (const gap of plan.gaps ?? []) gaps.push({ rule: rule.id, reason: gap });
  }
  return {
    rules: [...plans.keys()],
    notCovered,
    gaps,
    casesFor: (rule) => {
      const plan = plans.get(rule);
      if (plan === undefined) return [];
      return finaliseEach(ctx, rule, draftsOf(ctx, rule, plan, secondFaults));
    },
    plannedFor: (rule) => counts.get(rule) ?? 0,
  };
}

/**
 * Every case for the selected rules of the catalogue, deterministic for a seed: fixed cases first
 * (boundaries, fixed faults), then `runs` random ones, then one multi-fault case per fault rule.
 * Holds them all (tests, dry runs); a run streams them from `caseSource`.
 */
export function generateCases(options: GenerateOptions): GeneratedCases {
  const source = caseSource(options);
  const cases = source.rules.flatMap((rule) => [...source.casesFor(rule)]);
  return { cases, notCovered: source.notCovered, gaps: source.gaps };
}
