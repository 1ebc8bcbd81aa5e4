import type { WireParams } from '../cases.js';
import { type EncodedPair, encodePairs } from './sign/rpc.js';

/** `name=value&...` strictly percent-encoded, in the given order: a query string or a form body. */
export const encodeParams = (params: WireParams): string => joinEncoded(encodePairs(params));

/** `name=value&...` of pairs already encoded, in the given order. */
export function joinEncoded(encoded: readonly EncodedPair[]): string {
  let out = '';
  for (let i = 0; i < encoded.length; i++) {
    const pair = encoded[i] as EncodedPair;
    out += i === 0 ? `${pair.name}=${pair.value}` : `&${pair.name}=${pair.value}`;
  }
  return out;
}

export const withQuery = (origin: string, path: string, query: string): string =>
  `${origin}${path}${query === '' ? '' : `?${query}`}`;

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** What the SDK sends as `accept`, by requested format. */
export const acceptFor = (format: 'JSON' | 'XML'): string =>
  format === 'XML' ? 'application/xml' : 'application/json';

/** Changes the first character of a signature to another one of the same alphabet. */
export function corruptFirstChar(signature: string, alphabet: 'base64' | 'hex'): string {
  const first = signature[0];
  const replacement = alphabet === 'hex' ? (first === '0' ? '1' : '0') : first === 'A' ? 'B' : 'A';
  return `${replacement}${signature.slice(1)}`;
}
