import fc from 'fast-check';
import type { Case, TransportVariant } from '../lib/cases.js';
import { ToolError } from '../lib/errors.js';
import type { Family } from '../lib/spec/catalogue.js';
import { buildContext, type GenContext } from './context.js';
import type { Draft } from './draft.js';
import { mayCreate } from './expected.js';
import { finalise, partners, planRule } from './generate.js';
import { type GenerateOptions, resolveOptions } from './options.js';
import { multiFaultArbitrary } from './rules/multi-fault.js';
import { isNotReachable } from './rules/plan.js';

/** What property tests need to draw cases: the spec and world, optionally the account and transports. */
export type CaseContext = Omit<GenerateOptions, 'seed' | 'runs' | 'only'> & { seed?: number };

/** A context built once, to draw many arbitraries from. */
export function caseContext(options: CaseContext): GenContext {
  const resolved = resolveOptions({ ...options, seed: options.seed ?? 0, runs: 0 });
  return buildContext(options.catalogue, options.profile, options.world, resolved);
}

const asContext = (context: CaseContext | GenContext): GenContext =>
  'index' in context ? context : caseContext(context);

/**
 * Every case of one rule as a fast-check arbitrary: its fixed cases, its random ones and its multi-fault
 * ones, on any active transport. Built from plain-data draws mapped to requests, so fast-check shrinks a
 * failing case towards a minimal request. Throws E_CONFIG when the world cannot reach the rule.
 */
export function caseArbitrary(context: CaseContext | GenContext, rule: string): fc.Arbitrary<Case> {
  const ctx = asContext(context);
  const found = ctx.catalogue.rules.find((r) => r.id === rule);
  if (found === undefined)
    throw new ToolError('E_USAGE', `caseArbitrary: '${rule}' is not a rule of the catalogue`);
  const plan = planRule(ctx, found);
  if (isNotReachable(plan))
    throw new ToolError('E_CONFIG', `caseArbitrary: ${rule} is not covered: ${plan.notCovered}`);
  const sources: Array<fc.Arbitrary<Draft>> = [];
  if (plan.random !== undefined) sources.push(plan.random);
  if (plan.shapes !== undefined && !mayCreate(ctx.expected(rule))) {
    const multi = multiFaultArbitrary(ctx, plan.shapes, partners(ctx));
    if (multi !== undefined) sources.push(multi);
  }
  if (plan.fixed.length > 0) sources.push(fc.constantFrom(...plan.fixed));
  const transports = ctx.options.transports;
  return (
    fc
      // Cross-shrinking lets a multi-fault or fixed counterexample shrink into a plain random case.
      .tuple(
        fc.oneof({ withCrossShrink: true }, ...sources),
        fc.integer({ min: 0, max: transports.length - 1 }),
      )
      .map(([draft, at]) => {
        const [item] = finalise(
          { ...ctx, options: { ...ctx.options, transports: rotate(transports, at) } },
          rule,
          [draft],
        );
        return item as Case;
      })
  );
}

/** The cases of every rule of a family the world can reach. */
export function familyArbitrary(context: CaseContext | GenContext, family: Family): fc.Arbitrary<Case> {
  const ctx = asContext(context);
  const reachable = ctx.catalogue.rules
    .filter((r) => r.family === family)
    .filter((r) => !isNotReachable(planRule(ctx, r)))
    .map((r) => caseArbitrary(ctx, r.id));
  if (reachable.length === 0)
    throw new ToolError('E_CONFIG', `familyArbitrary: no rule of family ${family} is reachable`);
  return fc.oneof(...reachable);
}

const rotate = (list: readonly TransportVariant[], at: number): TransportVariant[] => [
  ...list.slice(at),
  ...list.slice(0, at),
];
