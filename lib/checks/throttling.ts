import type { CheckContext } from './context.js';
import { sentPairs } from './exchanges.js';
import { describeOutcome, errorCodeOf } from './response.js';

// The gateway's throttling codes (protocol.md section 4); no rule expects one.
const THROTTLING_CODE = /^Throttling(\.|$)/;

/**
 * Why a case says nothing about its rule, if a request of it was throttled (after the client's own
 * retries): the target did not evaluate it. The runner then reports the case inconclusive, unchecked.
 */
export function throttledRequest(ctx: CheckContext): string | undefined {
  for (const pair of sentPairs(ctx)) {
    const status = pair.exchange.response?.status;
    const code = errorCodeOf(pair.exchange);
    if (status === 429 || (code !== undefined && THROTTLING_CODE.test(code))) {
      return `${pair.label} was throttled (${describeOutcome(pair.exchange)}): the target did not evaluate it`;
    }
  }
  return undefined;
}
