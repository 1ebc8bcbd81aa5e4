import { createHmac, hash } from 'node:crypto';
import type { WireParams } from '../../cases.js';
import {
  canonicalOfEncoded,
  canonicalQueryString,
  constantTimeEqual,
  type EncodedPair,
  hmacKey,
} from './rpc.js';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** The hash of no body: most requests have none, so it is not recomputed for each. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function hexSha256(body: string | Uint8Array): string {
  if (body.length === 0) return EMPTY_SHA256;
  // One-shot: no Hash object per call (half the cost for the short texts signed here).
  return hash('sha256', body, 'hex');
}

/** Headers that take part in the signature: host, content-type and every x-acs-* header. */
const isSignedHeader = (lowerName: string): boolean =>
  lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');

interface CanonicalInput {
  method: string;
  path: string;
  query: WireParams;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** What a signer may pass to skip recomputing: the query already encoded, the body's hash already known. */
interface Precomputed {
  encodedQuery?: readonly EncodedPair[];
  bodySha256?: string;
}

const CONTROL_WHITESPACE = /[\t\n\r\f]/;
const CONTROL_WHITESPACE_ALL = /[\t\n\r\f]/g;

// The SDK replaces control whitespace inside values by spaces before trimming.
const canonicalHeaderValue = (value: string): string =>
  (CONTROL_WHITESPACE.test(value) ? value.replace(CONTROL_WHITESPACE_ALL, ' ') : value).trim();

/** The signed header names (lower case, sorted) and the canonical request over them. */
function canonicalRequest(
  input: CanonicalInput & Precomputed,
  signedNames?: string[],
): { names: string[]; text: string } {
  const lower = new Map<string, string>();
  for (const name in input.headers) lower.set(name.toLowerCase(), input.headers[name] as string);
  const names = signedNames ?? [...lower.keys()].filter(isSignedHeader).sort();
  let headerLines = '';
  for (const n of names) headerLines += `${n}:${canonicalHeaderValue(lower.get(n) ?? '')}\n`;
  const query =
    input.encodedQuery === undefined
      ? canonicalQueryString(input.query)
      : canonicalOfEncoded(input.encodedQuery);
  const bodyHash = input.bodySha256 ?? hexSha256(input.body);
  const text = `${input.method}\n${input.path}\n${query}\n${headerLines}\n${names.join(';')}\n${bodyHash}`;
  return { names, text };
}

function acs3SignatureOf(secret: string, canonical: string): string {
  const stringToSign = `${ACS3_ALGORITHM}\n${hexSha256(canonical)}`;
  return createHmac('sha256', hmacKey(secret)).update(stringToSign, 'utf8').digest('hex');
}

/** Signs a V3 request. `headers` must already hold host, x-acs-* (and content-type when there is a body). */
export function acs3Sign(input: CanonicalInput & Precomputed & { accessKeyId: string; secret: string }): {
  authorization: string;
  signature: string;
  signedHeaders: string[];
  canonicalRequest: string;
} {
  const { names, text } = canonicalRequest(input);
  const signature = acs3SignatureOf(input.secret, text);
  const authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
  return { authorization, signature, signedHeaders: names, canonicalRequest: text };
}

/** Parses `ACS3-HMAC-SHA256 Credential=...,SignedHeaders=a;b,Signature=hex`; null when malformed. */
export function parseAcs3Authorization(
  header: string,
): { accessKeyId: string; signedHeaders: string[]; signature: string } | null {
  const prefix = `${ACS3_ALGORITHM} `;
  if (!header.startsWith(prefix)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || signedHeaders === undefined || !signature) return null;
  return { accessKeyId, signedHeaders: signedHeaders === '' ? [] : signedHeaders.split(';'), signature };
}

/**
 * Checks a received V3 request: `headers` with lower-case names as received (authorization included),
 * `query` decoded. Every header the SDK would sign (host, content-type, x-acs-*) must be among the
 * signed ones, so that changing or adding one breaks the signature.
 */
export function verifyAcs3Signature(input: CanonicalInput & Precomputed & { secret: string }): boolean {
  const authorization = input.headers.authorization;
  const parsed = authorization === undefined ? null : parseAcs3Authorization(authorization);
  if (parsed === null) return false;
  const present = Object.keys(input.headers).filter(isSignedHeader);
  if (present.some((name) => !parsed.signedHeaders.includes(name))) return false;
  if (parsed.signedHeaders.some((name) => input.headers[name] === undefined)) return false;
  const { text } = canonicalRequest(input, parsed.signedHeaders);
  return constantTimeEqual(acs3SignatureOf(input.secret, text), parsed.signature);
}
