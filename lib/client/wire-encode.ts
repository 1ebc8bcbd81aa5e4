import type { WireParams } from '../cases.js';
import { percentEncode } from './sign/rpc.js';

/** `name=value&...` strictly percent-encoded, in the given order: a query string or a form body. */
export const encodeParams = (params: WireParams): string =>
  params.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');

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
