import type { WireParams } from '../../../lib/cases.js';
import type { SentRequest } from '../../../lib/client/exchange.js';
import { verifyAcs3Signature } from '../../../lib/client/sign/acs3.js';
import { verifyRpcSignature } from '../../../lib/client/sign/rpc.js';
import { decodeParams } from '../../../lib/client/wire.js';

/** What a server sees of a request: decoded query and form body, lower-case headers. */
export interface Received {
  method: string;
  path: string;
  query: WireParams;
  form: WireParams;
  headers: Record<string, string>;
  body: string;
}

export function receive(
  method: string,
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
): Received {
  const q = rawUrl.indexOf('?');
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  const isForm = (lower['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return {
    method,
    path: q < 0 ? rawUrl : rawUrl.slice(0, q),
    query: q < 0 ? [] : decodeParams(rawUrl.slice(q + 1)),
    form: isForm ? decodeParams(body) : [],
    headers: lower,
    body,
  };
}

export function receiveSent(sent: SentRequest): Received {
  const url = new URL(sent.url);
  return receive(sent.method, sent.url.slice(url.origin.length), sent.headers, sent.body);
}

/** Verifies as a server would, by the request's shape: an Authorization header means ACS3. */
export function verifyReceived(r: Received, secret: string): boolean {
  if (r.headers.authorization !== undefined) {
    return verifyAcs3Signature({
      method: r.method,
      path: r.path,
      query: r.query,
      headers: r.headers,
      body: r.body,
      secret,
    });
  }
  return verifyRpcSignature({ method: r.method, params: [...r.query, ...r.form], secret });
}

export const param = (params: WireParams, name: string): string | undefined =>
  params.find(([n]) => n === name)?.[1];
