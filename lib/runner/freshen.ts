import { createHash, randomBytes } from 'node:crypto';
import type { Case, CaseRequest } from '../cases.js';

/**
 * Seeds make cases reproducible, but a ClientToken or a nonce is remembered by the target: replaying a
 * seed (a property re-run, a second run against the same target) would collide with the first. So each
 * execution rewrites them with a fresh salt, keeping what the case is about: the same original value
 * maps to the same new one within the case (a replayed token stays equal to its prelude's), and the
 * new value has the original's length and stays ASCII, so a valid token stays valid.
 */
export function freshenCase(c: Case, salt: string = randomBytes(8).toString('hex')): Case {
  const renamed = new Map<string, string>();
  const fresh = (value: string): string => {
    let next = renamed.get(value);
    if (next === undefined) {
      next = saltedLike(value, salt);
      renamed.set(value, next);
    }
    return next;
  };
  const freshenRequest = (req: CaseRequest): CaseRequest => ({
    ...req,
    params: req.params.map(([name, value]) =>
      name === 'ClientToken' && isRewritable(value) ? [name, fresh(value)] : [name, value],
    ),
    ...(req.tamper?.kind === 'nonce' && { tamper: { kind: 'nonce', value: fresh(req.tamper.value) } }),
  });
  return {
    ...c,
    request: freshenRequest(c.request),
    ...(c.prelude !== undefined && { prelude: c.prelude.map(freshenRequest) }),
  };
}

/** Tokens that are malformed on purpose (too long, not ASCII, empty) are sent as generated. */
function isRewritable(value: string): boolean {
  return value.length > 0 && value.length <= 64 && /^[\x21-\x7e]+$/.test(value);
}

const TAIL = 12;

function saltedLike(value: string, salt: string): string {
  const hex = createHash('sha256').update(`${salt}\0${value}`).digest('hex');
  const keep = value.length > TAIL ? value.length - TAIL : 0;
  return value.slice(0, keep) + hex.slice(0, value.length - keep);
}
