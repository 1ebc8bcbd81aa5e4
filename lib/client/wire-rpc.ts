import type { WireParams } from '../cases.js';
import type { SentRequest } from './exchange.js';
import { rpcSignature } from './sign/rpc.js';
import type { ResolvedRequest } from './wire.js';
import { acceptFor, corruptFirstChar, encodeParams, FORM_CONTENT_TYPE, withQuery } from './wire-encode.js';

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
  const params = [...common.filter(([name]) => name !== r.omit), ...r.req.params];
  if (r.omit !== 'Signature') {
    const signature = rpcSignature(r.secret, r.method, params);
    params.push(['Signature', r.corruptSignature ? corruptFirstChar(signature, 'base64') : signature]);
  }
  params.push(...r.addedAfterSigning);

  const inBody = r.req.transport.method === 'POST' && r.req.transport.body === 'form';
  const headers: Record<string, string> = {
    host: r.host,
    'user-agent': r.userAgent,
    accept: acceptFor(r.req.transport.format),
  };
  if (r.omit !== 'Action') headers['x-acs-action'] = r.action;
  if (r.omit !== 'Version') headers['x-acs-version'] = r.version;
  if (inBody) headers['content-type'] = FORM_CONTENT_TYPE;
  const encoded = encodeParams(params);
  return {
    method: r.method,
    url: withQuery(r.origin, r.path, inBody ? '' : encoded),
    headers,
    body: inBody ? encoded : '',
  };
}
