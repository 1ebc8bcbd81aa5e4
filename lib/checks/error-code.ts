import { boundedText } from '../shown-text.js';
import type { CheckContext } from './context.js';
import {
  documentedStatusesFor,
  isDocumented4xxCode,
  isDocumentedCode,
  isDocumentedStatusForCode,
} from './documented.js';
import { sentPairs } from './exchanges.js';
import { acceptsAnyDocumented4xx, codeMatches, describeExpected, expectedPairs } from './expectations.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { describeOutcome, errorCodeOf, rejected } from './response.js';

/**
 * A refused request carries the code the rule expects, or one of its documented alternatives.
 * Where the page names no code (or leaves the outcome open), any code the page (or the common list)
 * documents with a 4xx status.
 */
export function errorCodeMatchesRule(ctx: CheckContext): Finding[] {
  const { expected } = ctx.case;
  if (ctx.case.concurrent || expected.kind === 'success' || !rejected(ctx.exchange)) return [];
  const code = errorCodeOf(ctx.exchange);
  const finding = (message: string) =>
    findingFor('errorCodeMatchesRule', ctx, {
      message,
      expected: describeExpected(expected),
      actual: describeOutcome(ctx.exchange),
    });
  if (code === undefined) return [finding('the error response carries no Code')];
  if (acceptsAnyDocumented4xx(expected)) {
    return isDocumented4xxCode(code)
      ? []
      : [finding(`${boundedText(code)} is not a code the page documents with a 4xx status`)];
  }
  if (expectedPairs(expected).some((pair) => codeMatches(pair, code))) return [];
  return [
    finding(
      `the target refused the request with ${boundedText(code)}, not the code documented for ${ctx.case.rule}`,
    ),
  ];
}

/**
 * The HTTP status is the one documented for the code returned: the rule's pair when the code is the
 * expected one (a finding of the case's rule), otherwise the page's (or the common list's) status for
 * that code (a finding of valid.error-body, which holds every error to its documented status).
 */
export function httpStatusMatchesCode(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const pair of sentPairs(ctx)) {
    const response = pair.exchange.response;
    const code = errorCodeOf(pair.exchange);
    if (response === undefined || code === undefined || !rejected(pair.exchange)) continue;
    const ruled = pair.main || ctx.case.concurrent ? expectedPairs(ctx.case.expected) : [];
    const forCode = ruled.filter((expected) => codeMatches(expected, code));
    const documented =
      forCode.length > 0
        ? forCode.some((expected) => expected.status === response.status)
        : !isDocumentedCode(code) || isDocumentedStatusForCode(code, response.status);
    if (documented) continue;
    const ownRule = forCode.length > 0 || (pair.main && acceptsAnyDocumented4xx(ctx.case.expected));
    findings.push(
      findingFor('httpStatusMatchesCode', ctx, {
        ...(!ownRule && { rule: CROSS_CUTTING_RULES.errorBody }),
        message: `${pair.label}: HTTP ${response.status} is not the status documented for ${boundedText(code)}`,
        expected:
          forCode.length > 0
            ? forCode.map((expected) => `${expected.status}`).join(' or ')
            : documentedStatusesFor(code).join(' or '),
        actual: `${response.status} ${boundedText(code)}`,
      }),
    );
  }
  return findings;
}
