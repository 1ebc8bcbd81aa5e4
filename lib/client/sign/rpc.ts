import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WireParams } from '../../cases.js';

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const SUB_DELIMS = /[!'()*]/g;
const SUB_DELIM_ESCAPES: Record<string, string> = {
  '!': '%21',
  "'": '%27',
  '(': '%28',
  ')': '%29',
  '*': '%2A',
};

/**
 * RFC 3986 percent-encoding as the signature algorithms require: only `A-Z a-z 0-9 - _ . ~` stay.
 * Never throws: a lone surrogate (which `encodeURIComponent` rejects) is encoded as the UTF-8 of
 * U+FFFD, which is what Node writes on the wire for such a string anyway.
 */
/** Parameter names and many values repeat across requests; a bounded memo avoids re-encoding them. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;
const MEMO_MAX_LENGTH = 256;

export function percentEncode(value: string): string {
  // Most names and values (ids, dates, region names) need no escaping: skip the work.
  if (UNRESERVED_ONLY.test(value)) return value;
  const known = memo.get(value);
  if (known !== undefined) return known;
  const encoded = strictEncode(value);
  if (value.length <= MEMO_MAX_LENGTH) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(value, encoded);
  }
  return encoded;
}

function strictEncode(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    encoded = encodeBytes(Buffer.from(value, 'utf8'));
  }
  return encoded.replace(SUB_DELIMS, (c) => SUB_DELIM_ESCAPES[c] ?? c);
}

function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Sorted, strictly encoded `name=value&...`. Sorted by encoded name, then encoded value, so that
 * duplicated names (wire-level cases) sign the same whatever order they travel in.
 */
export function canonicalQueryString(params: WireParams): string {
  const encoded = params.map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
  encoded.sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv));
  let out = '';
  for (const [name, value] of encoded) out += out === '' ? `${name}=${value}` : `&${name}=${value}`;
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `METHOD&%2F&percentEncode(canonicalQuery)`, over every parameter except `Signature`. */
export function rpcStringToSign(method: string, params: WireParams): string {
  const signed = params.filter(([name]) => name !== 'Signature');
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQueryString(signed))}`;
}

/** Base64(HMAC-SHA1(secret + "&", StringToSign)): SignatureVersion 1.0. */
export function rpcSignature(secret: string, method: string, params: WireParams): string {
  return createHmac('sha1', `${secret}&`).update(rpcStringToSign(method, params), 'utf8').digest('base64');
}

/**
 * Checks a received RPC request. `params` are the decoded parameters as received (query and form
 * body together), `Signature` included; exactly one `Signature` must be present.
 */
export function verifyRpcSignature(input: { method: string; params: WireParams; secret: string }): boolean {
  const signatures = input.params.filter(([name]) => name === 'Signature');
  const received = signatures[0];
  if (signatures.length !== 1 || received === undefined) return false;
  const expected = rpcSignature(input.secret, input.method, input.params);
  return constantTimeEqual(expected, received[1]);
}

/** Constant-time for equal lengths; a length mismatch is not secret (the signature length is public). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
