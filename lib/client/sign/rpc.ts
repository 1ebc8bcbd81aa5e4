import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
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
 * Values that need escaping and repeat (tag values, names of a fixed request) are memoised. Small on
 * purpose: a large run's values are mostly unique, so a big memo only holds garbage (it showed as heap
 * growth per case); a thousand short entries is under 200 KiB and still catches the repeats.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 1_000;
const MEMO_MAX_LENGTH = 64;

/**
 * RFC 3986 percent-encoding as the signature algorithms require: only `A-Z a-z 0-9 - _ . ~` stay.
 * Never throws: a lone surrogate (which `encodeURIComponent` rejects) is encoded as the UTF-8 of
 * U+FFFD, which is what Node writes on the wire for such a string anyway.
 */
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

/** One parameter once percent-encoded: the unit both the canonical form and the wire form are built from. */
export interface EncodedPair {
  name: string;
  value: string;
}

export function encodePairs(params: WireParams): EncodedPair[] {
  const out: EncodedPair[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const pair = params[i] as WireParams[number];
    out[i] = { name: percentEncode(pair[0]), value: percentEncode(pair[1]) };
  }
  return out;
}

const byNameThenValue = (a: EncodedPair, b: EncodedPair): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;

/** `name=value&...` of already encoded pairs, sorted as the canonical form wants (`encoded` is not changed). */
export function canonicalOfEncoded(encoded: readonly EncodedPair[]): string {
  const sorted = encoded.slice().sort(byNameThenValue);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const pair = sorted[i] as EncodedPair;
    out += i === 0 ? `${pair.name}=${pair.value}` : `&${pair.name}=${pair.value}`;
  }
  return out;
}

/**
 * Sorted, strictly encoded `name=value&...`. Sorted by encoded name, then encoded value, so that
 * duplicated names (wire-level cases) sign the same whatever order they travel in.
 */
export function canonicalQueryString(params: WireParams): string {
  return canonicalOfEncoded(encodePairs(params));
}

/**
 * `%` into `%25` in an RFC 3986-encoded text. Such a text holds only unreserved characters and `%`, so
 * encodeURIComponent changes exactly its `%`: three times faster than replaceAll on long values.
 */
const escapePercent = (encoded: string): string =>
  encoded.includes('%') ? encodeURIComponent(encoded) : encoded;

/**
 * percentEncode of the canonical query, built directly: its names and values are already RFC
 * 3986-encoded, so percentEncode only turns their `%` into `%25` and the `=` and `&` joining them into
 * `%3D` and `%26`. Same text as percentEncode(canonicalQueryString(...)), without re-encoding it.
 */
function encodedCanonicalOf(encoded: readonly EncodedPair[]): string {
  const sorted = encoded.slice().sort(byNameThenValue);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const pair = sorted[i] as EncodedPair;
    const text = `${escapePercent(pair.name)}%3D${escapePercent(pair.value)}`;
    out += i === 0 ? text : `%26${text}`;
  }
  return out;
}

/** `METHOD&%2F&percentEncode(canonicalQuery)`, over every parameter except `Signature`. */
export function rpcStringToSign(method: string, params: WireParams): string {
  const signed = params.filter(([name]) => name !== 'Signature');
  return stringToSignOfEncoded(method, encodePairs(signed));
}

const stringToSignOfEncoded = (method: string, encoded: readonly EncodedPair[]): string =>
  `${method}&%2F&${encodedCanonicalOf(encoded)}`;

/** rpcSignature over parameters already encoded (a `Signature` among them is left out, as there). */
export function rpcSignatureOfEncoded(
  secret: string,
  method: string,
  encoded: readonly EncodedPair[],
): string {
  const signed = encoded.some((p) => p.name === 'Signature')
    ? encoded.filter((p) => p.name !== 'Signature')
    : encoded;
  return createHmac('sha1', hmacKey(`${secret}&`))
    .update(stringToSignOfEncoded(method, signed), 'utf8')
    .digest('base64');
}

/**
 * HMAC keys prepared once per secret: node otherwise turns the string into a key on every call.
 * Bounded, since a run uses a handful of accounts (and a tamper a few wrong secrets).
 */
const hmacKeys = new Map<string, KeyObject>();
const HMAC_KEY_LIMIT = 256;

export function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret);
  if (key === undefined) {
    if (hmacKeys.size >= HMAC_KEY_LIMIT) hmacKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    hmacKeys.set(secret, key);
  }
  return key;
}

/** Base64(HMAC-SHA1(secret + "&", StringToSign)): SignatureVersion 1.0. */
export function rpcSignature(secret: string, method: string, params: WireParams): string {
  return createHmac('sha1', hmacKey(`${secret}&`))
    .update(rpcStringToSign(method, params), 'utf8')
    .digest('base64');
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
