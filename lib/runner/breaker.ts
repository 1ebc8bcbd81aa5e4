import type { TransportFailure } from '../client/index.js';

/** What went wrong with one attempt or exchange, for the breaker's message. */
export type Trouble =
  | { kind: 'transport'; failure: TransportFailure }
  /** An answer still throttling (or overload) after the client's retries. */
  | { kind: 'throttled'; reason: string };

/**
 * The run's circuit breaker: stops a run against a target that no longer answers usefully. A failed
 * attempt (transport failure) and a request still throttled after its retries each add a point; a
 * request answered otherwise takes half a point away. At `threshold` points the run stops: after
 * `threshold` troubles in a row, and also against a target that flaps (resets every other connection),
 * which never gives that many in a row but gains a point every two requests: any target failing more
 * than a third of the time ends the run, a healthy target with an occasional failure never does.
 */
export class CircuitBreaker {
  #points = 0;
  /** Troubles in a row, and troubles and answers since the points were last zero: for the message. */
  #inRow = 0;
  #troubles = 0;
  #answers = 0;
  #inRowKinds = new Set<Trouble['kind']>();

  constructor(readonly threshold: number) {}

  answered(): void {
    this.#inRow = 0;
    this.#points = Math.max(0, this.#points - 0.5);
    if (this.#points === 0) {
      this.#troubles = 0;
      this.#answers = 0;
    } else this.#answers += 1;
  }

  /** Counts a trouble; returns why the run must stop when this one trips the breaker. */
  failed(trouble: Trouble, origin: string): string | undefined {
    this.#points += 1;
    this.#troubles += 1;
    if (this.#inRow === 0) this.#inRowKinds.clear();
    this.#inRow += 1;
    this.#inRowKinds.add(trouble.kind);
    if (this.#points < this.threshold) return undefined;
    const last =
      trouble.kind === 'transport' ? `${trouble.failure.code}: ${trouble.failure.message}` : trouble.reason;
    const kinds = [...this.#inRowKinds];
    if (this.#inRow >= this.threshold && kinds.length === 1 && kinds[0] === 'throttled') {
      return (
        `the target throttled every request: ${this.#inRow} consecutive requests to ${origin} were still ` +
        `throttled after their retries (last: ${last}); the run stopped`
      );
    }
    if (this.#inRow >= this.threshold && kinds.length === 1)
      return `${this.#inRow} consecutive requests to ${origin} failed at the transport level (last: ${last}); the run stopped`;
    return (
      `the target kept failing: ${this.#troubles} of the last ${this.#troubles + this.#answers} requests to ` +
      `${origin} failed at the transport level or stayed throttled (last: ${last}); the run stopped`
    );
  }
}
