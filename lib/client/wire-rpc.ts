import type { WireParams } from '../cases.js';
import type { SentRequest } from './exchange.js';
import { encodePairs, percentEncode, rpcSignatureOfEncoded } from './sign/rpc.js';
import type { ResolvedRequest } from './wire.js';
import { acceptFor, corruptFirstChar, FORM_CONTENT_TYPE, joinEncoded, withQuery } from './wire-encode.js';

/**
 * RPC signature (SignatureVersion 1.0, "v2" in SDK naming). Like @alicloud/pop-core: every parameter,
 * common and business, with `Signature` last, in the query (GET, query-POST) or in a form body
 * (form-POST). Like both SDKs, `x-acs-action` / `x-acs-version` headers go along.
 */
export function buildRpcRequest(r: ResolvedRequest): SentRequest {
  const common: WireParams = [
    ['Action', r.action],
    ['Version', r.version],
    ['Format', r.req.transport.format],
    ['AccessKeyId', r.accessKeyId],
    ['SignatureMethod', r.signatureMethod ?? 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', r.nonce],
    ['Timestamp', r.timestamp],
  ];
  if (r.securityToken !== undefined) common.push(['SecurityToken', r.securityToken]);
  // An omitted parameter is left out before signing, so the signature is right and the gap is the only fault.
  const params = r.omit === undefined ? common : common.filter(([name]) => name !== r.omit);
  params.push(...r.req.params);
  // Encoded once: the string to sign sorts these, the wire form keeps their order.
  const encoded = encodePairs(params);
  if (r.omit !== 'Signature') {
    const signature = rpcSignatureOfEncoded(r.secret, r.method, encoded);
    const sent = r.corruptSignature ? corruptFirstChar(signature, 'base64') : signature;
    encoded.push({ name: 'Signature', value: percentEncode(sent) });
  }
  encoded.push(...encodePairs(r.addedAfterSigning));

  const inBody = r.req.transport.method === 'POST' && r.req.transport.body === 'form';
  const headers: Record<string, string> = {
    host: r.host,
    'user-agent': r.userAgent,
    accept: acceptFor(r.req.transport.format),
  };
  if (r.omit !== 'Action') headers['x-acs-action'] = r.action;
  if (r.omit !== 'Version') headers['x-acs-version'] = r.version;
  if (inBody) headers['content-type'] = FORM_CONTENT_TYPE;
  const wire = joinEncoded(encoded);
  return {
    method: r.method,
    url: withQuery(r.origin, r.path, inBody ? '' : wire),
    headers,
    body: inBody ? wire : '',
  };
}
