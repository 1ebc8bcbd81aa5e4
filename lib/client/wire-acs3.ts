import type { WireParams } from '../cases.js';
import type { SentRequest } from './exchange.js';
import { ACS3_ALGORITHM, acs3Sign, hexSha256 } from './sign/acs3.js';
import { encodePairs } from './sign/rpc.js';
import type { ResolvedRequest } from './wire.js';
import { acceptFor, corruptFirstChar, FORM_CONTENT_TYPE, joinEncoded, withQuery } from './wire-encode.js';

/**
 * ACS3-HMAC-SHA256 ("v3"), as @alicloud/openapi-core's doRequest sends an RPC-style call: Action,
 * Version, date and nonce as x-acs-* headers, business parameters in the query (or, form-POST, in a
 * form body whose content-type is signed). The SDK sends no `Format` and asks for JSON with
 * `accept: application/json`; XML is asked for with a signed `Format=XML` query parameter (the RPC
 * gateway's common parameter) and `accept: application/xml`.
 */
export function buildAcs3Request(r: ResolvedRequest): SentRequest {
  const { transport } = r.req;
  const inBody = transport.method === 'POST' && transport.body === 'form';
  const query: WireParams = transport.format === 'XML' ? [['Format', 'XML']] : [];
  if (!inBody) query.push(...r.req.params);
  // Encoded once: the canonical request sorts these, the URL keeps their order.
  const encodedQuery = encodePairs(query);
  const encodedBody = inBody ? encodePairs(r.req.params) : [];
  const body = inBody ? joinEncoded(encodedBody) : '';

  const headers: Record<string, string> = { host: r.host };
  if (r.omit !== 'Action') headers['x-acs-action'] = r.action;
  if (r.omit !== 'Version') headers['x-acs-version'] = r.version;
  if (r.omit !== 'Timestamp') headers['x-acs-date'] = r.timestamp;
  if (r.omit !== 'SignatureNonce') headers['x-acs-signature-nonce'] = r.nonce;
  headers.accept = acceptFor(transport.format);
  headers['user-agent'] = r.userAgent;
  if (inBody) headers['content-type'] = FORM_CONTENT_TYPE;
  const bodySha256 = hexSha256(body);
  headers['x-acs-content-sha256'] = bodySha256;
  if (r.securityToken !== undefined) {
    headers['x-acs-accesskey-id'] = r.accessKeyId;
    headers['x-acs-security-token'] = r.securityToken;
  }

  if (r.omit !== 'Signature') {
    const accessKeyId = r.omit === 'AccessKeyId' ? '' : r.accessKeyId;
    const signed = acs3Sign({
      method: r.method,
      path: r.path,
      query,
      encodedQuery,
      headers,
      body,
      bodySha256,
      accessKeyId,
      secret: r.secret,
    });
    const signature = r.corruptSignature ? corruptFirstChar(signed.signature, 'hex') : signed.signature;
    const algorithm = r.signatureMethod ?? ACS3_ALGORITHM;
    headers.authorization = `${algorithm} Credential=${accessKeyId},SignedHeaders=${signed.signedHeaders.join(';')},Signature=${signature}`;
  }

  // Added after signing: next to the business parameters, where a tampering proxy would put it.
  const added = encodePairs(r.addedAfterSigning);
  if (inBody) encodedBody.push(...added);
  else encodedQuery.push(...added);
  return {
    method: r.method,
    url: withQuery(r.origin, r.path, joinEncoded(encodedQuery)),
    headers,
    body: inBody ? joinEncoded(encodedBody) : '',
  };
}
