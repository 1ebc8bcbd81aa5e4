import { type GeneratedCases, generateCases } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import type { ErrorPair, Expected, Profile } from '../../lib/spec/catalogue.js';
import { applyProfile, loadSpec, type Spec } from '../../lib/spec/load.js';
import type { World } from '../../lib/spec/world.js';
import { evaluate, type Verdict } from './rule-evaluator.js';

let spec: Spec | undefined;
/** The shipped catalogue, default profile and default world, loaded once per test file. */
export const defaultSpec = (): Spec => {
  spec ??= loadSpec();
  return spec;
};

const bySeed = new Map<number, GeneratedCases>();
/** Cases of the default spec for a seed (default runs and transports), generated once per file. */
export function casesFor(seed: number): GeneratedCases {
  const cached = bySeed.get(seed) ?? generateCases({ ...defaultSpec(), seed });
  bySeed.set(seed, cached);
  return cached;
}

export const verdictOf = (world: World, profile: Profile, c: Case): Verdict =>
  evaluate(world, profile, {
    request: c.request,
    ...(c.prelude !== undefined && { prelude: c.prelude }),
    ...(c.concurrent !== undefined && { concurrent: c.concurrent }),
  });

/** The expected outcome of each rule after the profile, from the loader (not from generators/). */
export function expectedByRule(s: Spec = defaultSpec()): Map<string, Expected> {
  return new Map(applyProfile(s.catalogue, s.profile).map((r) => [r.id, r.expected]));
}

/** Any outcome of one of the rules; the weakest oracle when one has no documented code (the test's own union). */
export function acceptableFor(rules: Iterable<string>, expected: Map<string, Expected>): Expected {
  const pairs = new Map<string, ErrorPair>();
  for (const rule of rules) {
    const e = expected.get(rule);
    if (
      e === undefined ||
      e.kind === 'success' ||
      e.kind === 'success-or-documented-4xx' ||
      e.kind === 'success-or-one-of'
    )
      throw new Error(`no error outcome for ${rule}`);
    if (e.kind === 'documented-4xx') return { kind: 'documented-4xx' };
    for (const p of e.kind === 'error' ? [e] : e.alternatives) {
      pairs.set(`${p.code}|${p.status}|${p.codeMatch ?? 'exact'}`, p);
    }
  }
  return { kind: 'one-of', alternatives: [...pairs.values()] };
}

/** Outcomes as comparable sets of "code|status|match" (a lone error is a one-element set). */
export function outcomeKey(e: Expected): string {
  if (e.kind === 'success' || e.kind === 'documented-4xx' || e.kind === 'success-or-documented-4xx')
    return e.kind;
  const pairs = e.kind === 'error' ? [e] : e.alternatives;
  if (e.kind === 'success-or-one-of') return `success ${pairs.map((p) => `${p.code}|${p.status}`).join(' ')}`;
  return pairs
    .map((p) => `${p.code}|${p.status}|${p.codeMatch ?? 'exact'}`)
    .sort()
    .join(' ');
}

/**
 * Faults that cannot be separated, as the catalogue notes: a Name starting with http:// also holds '/',
 * outside the allowed characters ("the same codes apply either way").
 */
export const INSEPARABLE: Record<string, string[]> = { 'name.no-url-prefix': ['name.charset'] };

/** A robustness probe: a request the catalogue leaves unsettled on purpose (success-or-documented-4xx, success-or-one-of). */
export const isProbe = (c: Case): boolean =>
  c.expected.kind === 'success-or-documented-4xx' || c.expected.kind === 'success-or-one-of';

/**
 * Rules whose own cases borrow another rule's fault (labelled with the borrowing rule's outcome): the
 * error body of any refusal, and that any refusal leaves no group behind.
 */
export const BORROWS_FAULTS: ReadonlySet<string> = new Set(['valid.error-body', 'state.no-side-effects']);
/**
 * A case whose own request is a create: the independent evaluator reads CreateSnapshotGroup requests
 * only (the support family's Describe and Delete cases are checked in support.test.ts).
 */
export const isCreateCase = (c: Case): boolean => c.request.action === 'CreateSnapshotGroup';
