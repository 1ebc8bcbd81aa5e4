import type { CheckContext } from './context.js';
import { sentPairs } from './exchanges.js';
import { describeExpected, expectsRejection, expectsSuccess } from './expectations.js';
import type { Finding } from './finding.js';
import { findingFor } from './make-finding.js';
import { describeOutcome, rejected, succeeded } from './response.js';

/** A request that breaks the case's rule must not be accepted. */
export function invalidRequestAccepted(ctx: CheckContext): Finding[] {
  if (ctx.case.concurrent || !expectsRejection(ctx.case.expected) || !succeeded(ctx.exchange)) return [];
  return [
    findingFor('invalidRequestAccepted', ctx, {
      message: `the target accepted an invalid request: ${ctx.case.description}`,
      expected: describeExpected(ctx.case.expected),
      actual: describeOutcome(ctx.exchange),
    }),
  ];
}

/**
 * A request that meets every rule must be accepted. A probe whose outcome the page leaves open
 * (success-or-documented-4xx) may be refused: errorCodeMatchesRule judges how.
 */
export function validRequestRejected(ctx: CheckContext): Finding[] {
  if (ctx.case.concurrent || !expectsSuccess(ctx.case.expected) || !rejected(ctx.exchange)) return [];
  return [
    findingFor('validRequestRejected', ctx, {
      message: `the target rejected a valid request: ${ctx.case.description}`,
      expected: describeExpected(ctx.case.expected),
      actual: describeOutcome(ctx.exchange),
    }),
  ];
}

/** Prelude requests set a case up (first use of a ClientToken or a nonce): each must be accepted. */
export function preludeRequestsAccepted(ctx: CheckContext): Finding[] {
  if (ctx.case.concurrent) return [];
  return sentPairs(ctx)
    .filter((pair) => !pair.main && rejected(pair.exchange))
    .map((pair) =>
      findingFor('preludeRequestsAccepted', ctx, {
        message: `${pair.label}, a valid request sent first to set the case up, was rejected`,
        expected: 'success (2xx)',
        actual: describeOutcome(pair.exchange),
      }),
    );
}

/** Every request the suite sends has an outcome the page documents: a 5xx is never one of them. */
export function noServerErrorWhereDocumented(ctx: CheckContext): Finding[] {
  return sentPairs(ctx)
    .filter((pair) => pair.exchange.response !== undefined && pair.exchange.response.status >= 500)
    .map((pair) =>
      findingFor('noServerErrorWhereDocumented', ctx, {
        message: `${pair.label} got a server error where the page documents the outcome`,
        expected: pair.main ? describeExpected(ctx.case.expected) : 'success (2xx)',
        actual: describeOutcome(pair.exchange),
      }),
    );
}
