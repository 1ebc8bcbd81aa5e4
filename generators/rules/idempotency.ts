import fc from 'fast-check';
import { SIMULTANEOUS_DUPLICATES } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft, RequestDraft } from '../draft.js';
import { seededHex } from '../seed.js';
import { FIRST_OF_TWO } from '../transports.js';
import { buildInput } from '../valid/compose.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft, type ValidRequest, validRequestArbitrary } from '../valid/request.js';
import { applicableMismatches, fixedMismatches, type Mismatch } from './idempotency-mismatch.js';
import { notReachable, type Planner, type RulePlan } from './plan.js';

const MISMATCH_RULE = 'idempotency.parameter-mismatch';

const withToken = (valid: ValidRequest, token: string): ValidRequest => ({
  target: valid.target,
  attributes: { ...valid.attributes, ClientToken: token },
});

const requestOf = (valid: ValidRequest): RequestDraft => ({
  action: 'CreateSnapshotGroup',
  input: buildInput(valid.target, valid.attributes),
  edits: [],
  account: valid.target.account,
});

function sameTokenSameResult(valid: ValidRequest): Draft {
  const draft = successDraft(
    valid,
    'idempotency',
    `same ClientToken, same parameters, sent twice; ${describeValid(valid)}`,
  );
  draft.prelude = [requestOf(valid)];
  return draft;
}

/** The second use of a token: the first request accepted, then `changed`, which differs in one parameter. */
function parameterMismatch(
  ctx: GenContext,
  rule: string,
  valid: ValidRequest,
  mismatch: Mismatch,
  changed: ValidRequest,
): Draft {
  return {
    kind: 'idempotency',
    request: requestOf(changed),
    expected: ctx.expected(rule),
    // The accepted first request snapshots these disks too.
    disks: [...new Set([...valid.target.disks, ...changed.target.disks])],
    description: `same ClientToken after an accepted request, other ${mismatch.parameter}; ${describeValid(valid)}`,
    prelude: [requestOf(valid)],
    touched: ['ClientToken'],
  };
}

/** Every parameter varied once on fixed requests, and one drawn parameter varied per random case. */
function mismatchPlan(ctx: GenContext, rule: string, bases: fc.Arbitrary<ValidRequest>): RulePlan {
  const tokenFor = (parameter: string) => `ct-${seededHex(ctx.options.seed, 32, rule, parameter)}`;
  const { pairs, gaps } = fixedMismatches(ctx, rule);
  const fixed = pairs.map(([mismatch, base, changed]) => {
    const token = tokenFor(mismatch.parameter);
    return parameterMismatch(ctx, rule, withToken(base, token), mismatch, withToken(changed, token));
  });
  const random = fc.tuple(bases, fc.uuid(), fc.nat()).map(([valid, uuid, pick]) => {
    // Name and Description vary on every request, so the list is never empty.
    const choices = applicableMismatches(ctx, valid);
    const [mismatch, changed] = choices[pick % choices.length] as [Mismatch, ValidRequest];
    const token = `ct-${uuid}`;
    return parameterMismatch(ctx, rule, withToken(valid, token), mismatch, withToken(changed, token));
  });
  return gaps.length === 0 ? { fixed, random } : { fixed, random, gaps };
}

function processing(ctx: GenContext, rule: string, valid: ValidRequest): Draft {
  // A replay may instead succeed with the same group (catalogue note): then it must look like this.
  const draft = successDraft(
    valid,
    'idempotency',
    `same ClientToken sent ${SIMULTANEOUS_DUPLICATES} times at once; ${describeValid(valid)}`,
  );
  draft.expected = ctx.expected(rule);
  // With the case's own request, SIMULTANEOUS_DUPLICATES requests go at once, one token.
  draft.prelude = Array.from({ length: SIMULTANEOUS_DUPLICATES - 1 }, () => requestOf(valid));
  draft.concurrent = true;
  return draft;
}

const BUILDERS: Record<string, (ctx: GenContext, rule: string, valid: ValidRequest) => Draft> = {
  'idempotency.same-token-same-result': (_ctx, _rule, valid) => sameTokenSameResult(valid),
  'idempotency.processing': processing,
};

export const idempotencyPlanner: Planner = (ctx, rule) => {
  const base = fixedBase(ctx, rule, 0);
  const bases = validRequestArbitrary(ctx);
  if (base === undefined || bases === undefined)
    return notReachable(`account '${ctx.signer.id}' has no usable disk`);
  if (rule === MISMATCH_RULE) return mismatchPlan(ctx, rule, bases);
  const build = BUILDERS[rule];
  if (build === undefined) return notReachable(`no idempotency scenario is defined for ${rule}`);
  // Tokens come from the seed, so that a seed replays byte for byte.
  const token = `ct-${seededHex(ctx.options.seed, 32, rule)}`;
  const first = build(ctx, rule, withToken(base, token));
  // At the default runs this rule has two cases: the first's transport makes the next meet the others.
  if (rule === 'idempotency.processing') first.wish = { exact: FIRST_OF_TWO };
  return {
    fixed: [first],
    random: fc
      .tuple(bases, fc.uuid())
      .map(([valid, uuid]) => build(ctx, rule, withToken(valid, `ct-${uuid}`))),
  };
};
