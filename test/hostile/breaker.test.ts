import { describe, expect, it } from 'vitest';
import type { TransportFailure } from '../../lib/client/index.js';
import { CircuitBreaker, type Trouble } from '../../lib/runner/breaker.js';

const ORIGIN = 'http://127.0.0.1:1';
const reset: TransportFailure = { code: 'E_TARGET_UNREACHABLE', message: 'ECONNRESET' };
const transport: Trouble = { kind: 'transport', failure: reset };
const throttled: Trouble = { kind: 'throttled', reason: 'HTTP 503 ServiceUnavailable' };

/** Feeds `pattern` ('x' a trouble, '.' an answer) until the breaker trips; the step it tripped at, and why. */
function feed(breaker: CircuitBreaker, pattern: string, trouble = transport): { at?: number; why?: string } {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '.') breaker.answered();
    else {
      const why = breaker.failed(trouble, ORIGIN);
      if (why !== undefined) return { at: i + 1, why };
    }
  }
  return {};
}

describe('the circuit breaker', () => {
  it('trips after `threshold` troubles in a row, naming them as before', () => {
    expect(feed(new CircuitBreaker(5), 'xxxxxxx')).toEqual({
      at: 5,
      why: `5 consecutive requests to ${ORIGIN} failed at the transport level (last: E_TARGET_UNREACHABLE: ECONNRESET); the run stopped`,
    });
  });

  it('says "the target throttled every request" when throttling outlived the retries every time', () => {
    const { at, why } = feed(new CircuitBreaker(3), 'xxx', throttled);
    expect(at).toBe(3);
    expect(why).toBe(
      `the target throttled every request: 3 consecutive requests to ${ORIGIN} were still throttled after their retries (last: HTTP 503 ServiceUnavailable); the run stopped`,
    );
  });

  it('trips against a target that fails every other request, which never gives a streak', () => {
    const { at, why } = feed(new CircuitBreaker(5), 'x.'.repeat(100));
    // Half a point net per two requests: the 9th failure reaches the 5th point (1 + 8 x 0.5).
    expect(at).toBe(17);
    expect(why).toMatch(
      /^the target kept failing: 9 of the last 17 requests to .* \(last: E_TARGET_UNREACHABLE/,
    );
  });

  it('never trips on a healthy target with an occasional failure (one request in four)', () => {
    expect(feed(new CircuitBreaker(5), 'x...'.repeat(1_000))).toEqual({});
  });

  it('an answer after troubles lets the count fall, so old troubles are forgotten', () => {
    const breaker = new CircuitBreaker(3);
    expect(feed(breaker, `xx${'.'.repeat(4)}xx`)).toEqual({});
    expect(feed(breaker, 'x').at).toBe(1);
  });
});
