import fc from 'fast-check';
import { SIMULTANEOUS_DUPLICATES } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft, RequestDraft } from '../draft.js';
import { seededHex } from '../seed.js';
import type { Attributes } from '../valid/attributes.js';
import { buildInput } from '../valid/compose.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft, type ValidRequest, validRequestArbitrary } from '../valid/request.js';
import { notReachable, type Planner } from './plan.js';

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

/** A different valid Name, so that only the parameters differ from the first request. */
const otherName = (attributes: Attributes): string => (attributes.Name === 'ReplayB' ? 'ReplayC' : 'ReplayB');

function sameTokenSameResult(valid: ValidRequest): Draft {
  const draft = successDraft(
    valid,
    'idempotency',
    `same ClientToken, same parameters, sent twice; ${describeValid(valid)}`,
  );
  draft.prelude = [requestOf(valid)];
  return draft;
}

function parameterMismatch(ctx: GenContext, rule: string, valid: ValidRequest): Draft {
  const changed: ValidRequest = {
    target: valid.target,
    attributes: { ...valid.attributes, Name: otherName(valid.attributes) },
  };
  return {
    kind: 'idempotency',
    request: requestOf(changed),
    expected: ctx.expected(rule),
    // The accepted first request snapshots these disks too.
    disks: [...valid.target.disks],
    description: `same ClientToken after an accepted request, other Name; ${describeValid(valid)}`,
    prelude: [requestOf(valid)],
    touched: ['ClientToken'],
  };
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
  'idempotency.parameter-mismatch': parameterMismatch,
  'idempotency.processing': processing,
};

export const idempotencyPlanner: Planner = (ctx, rule) => {
  const build = BUILDERS[rule];
  if (build === undefined) return notReachable(`no idempotency scenario is defined for ${rule}`);
  const base = fixedBase(ctx, rule, 0);
  const bases = validRequestArbitrary(ctx);
  if (base === undefined || bases === undefined)
    return notReachable(`account '${ctx.signer.id}' has no usable disk`);
  // Tokens come from the seed, so that a seed replays byte for byte.
  const token = `ct-${seededHex(ctx.options.seed, 32, rule)}`;
  return {
    fixed: [build(ctx, rule, withToken(base, token))],
    random: fc
      .tuple(bases, fc.uuid())
      .map(([valid, uuid]) => build(ctx, rule, withToken(valid, `ct-${uuid}`))),
  };
};
