import { randomBytes } from 'node:crypto';
import type { Case, CaseRequest } from '../cases.js';

/**
 * Seeds make cases reproducible, but a ClientToken or a nonce is remembered by the target: replaying a
 * seed (a property re-run, a second run against the same target) would collide with the first. So each
 * execution rewrites them with a fresh salt, keeping what the case is about: the same original value
 * maps to the same new one within the case (a replayed token stays equal to its prelude's), and the
 * new value has the original's length and stays ASCII, so a valid token stays valid.
 */
export function freshenCase(c: Case, salt: string = nextSalt()): Case {
  // Most cases carry neither: they are sent as generated (cases are never modified in place).
  if (!carriesRememberedValue(c.request) && !(c.prelude ?? []).some(carriesRememberedValue)) return c;
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
    params: req.params.map((pair) =>
      pair[0] === 'ClientToken' && isRewritable(pair[1]) ? [pair[0], fresh(pair[1])] : pair,
    ),
    ...(req.tamper?.kind === 'nonce' && { tamper: { kind: 'nonce', value: fresh(req.tamper.value) } }),
  });
  return {
    ...c,
    request: freshenRequest(c.request),
    ...(c.prelude !== undefined && { prelude: c.prelude.map(freshenRequest) }),
  };
}

/** A ClientToken or a nonce tamper: what the target remembers across requests. */
const carriesRememberedValue = (req: CaseRequest): boolean =>
  req.tamper?.kind === 'nonce' || req.params.some(([name]) => name === 'ClientToken');

/** Tokens that are malformed on purpose (too long, not ASCII, empty) are sent as generated. */
function isRewritable(value: string): boolean {
  return value.length > 0 && value.length <= 64 && /^[\x21-\x7e]+$/.test(value);
}

/**
 * A random prefix drawn once per process, and a counter: every execution gets its own salt without
 * drawing random bytes each time (one draw per case showed in the runner's profile).
 */
const PROCESS_SALT = randomBytes(8).toString('hex');
let executions = 0;
const nextSalt = (): string => `${PROCESS_SALT}-${(executions++).toString(36)}`;

const TAIL = 12;

function saltedLike(value: string, salt: string): string {
  const hex = mix64(`${salt}\0${value}`);
  const keep = value.length > TAIL ? value.length - TAIL : 0;
  return value.slice(0, keep) + hex.slice(0, value.length - keep);
}

/**
 * 16 hex characters of a fast 64-bit mix (two multiplicative 32-bit lanes, cyrb53-style). Not a
 * cryptographic hash, and need not be: the salt is random per process and distinct per execution, and
 * only unlikeness to collide within a run matters. A SHA-256 per token cost more than the rest of it.
 */
function mix64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
