import type { Account } from '../../lib/spec/world.js';
import type { IncomingCall } from '../http/incoming.js';
import type { EmulatorSeams } from '../seams.js';
import type { EmulatorState } from '../state/state.js';
import { ApiError, apiError } from './errors.js';

const ACS3_PREFIX = 'ACS3-HMAC-SHA256 ';

/** The parts every signed request carries, wherever its family puts them. */
interface Credentials {
  accessKeyId: string;
  timestamp: string;
  nonce: string;
}

const incomplete = (what: string): ApiError =>
  new ApiError(
    'IncompleteSignature',
    `The request signature does not conform to Aliyun standards: ${what} is missing.`,
  );

/** RPC (v2): everything travels as parameters; only HMAC-SHA1 is a valid SignatureMethod. */
const rpcCredentials = (call: IncomingCall): Credentials | ApiError => {
  const { params } = call;
  for (const name of ['AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp']) {
    if (!params.get(name)) return incomplete(name);
  }
  const method = params.get('SignatureMethod') ?? 'HMAC-SHA1';
  if (method !== 'HMAC-SHA1') return apiError('InvalidSignatureMethod');
  return {
    accessKeyId: params.get('AccessKeyId') ?? '',
    timestamp: params.get('Timestamp') ?? '',
    nonce: params.get('SignatureNonce') ?? '',
  };
};

/** ACS3 (V3): the Authorization header names the key, x-acs-* headers carry date, nonce and body hash. */
const acs3Credentials = (call: IncomingCall): Credentials | ApiError => {
  const authorization = call.headers.authorization ?? '';
  if (!authorization.startsWith(ACS3_PREFIX)) {
    // `<algorithm> Credential=...` with another algorithm is a signature method this service lacks.
    return /^\S+ .*Credential=/.test(authorization)
      ? apiError('InvalidSignatureMethod')
      : incomplete('Authorization');
  }
  const credential = /(?:^|[ ,])Credential=([^,]*)/
    .exec(authorization.slice(ACS3_PREFIX.length))?.[1]
    ?.trim();
  if (!credential) return incomplete('Authorization Credential');
  if (!/(?:^|[ ,])Signature=[^,\s]/.test(authorization)) return incomplete('Authorization Signature');
  for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (!call.headers[name]) return incomplete(name);
  }
  return {
    accessKeyId: credential,
    timestamp: call.headers['x-acs-date'] ?? '',
    nonce: call.headers['x-acs-signature-nonce'] ?? '',
  };
};

/**
 * Who signed the request, or why it is refused. Order: signature parts present, signature method,
 * timestamp format, timestamp freshness, access key known, signature matches, nonce unused. The nonce is
 * remembered only once the signature is valid, so a forged request cannot burn someone's nonce.
 */
export const authenticate = (
  call: IncomingCall,
  state: EmulatorState,
  seams: EmulatorSeams,
  nowMs: number,
): Account | ApiError => {
  const credentials = call.family === 'rpc' ? rpcCredentials(call) : acs3Credentials(call);
  if (credentials instanceof ApiError) return credentials;
  const verdict = seams.checkTimestamp(credentials.timestamp, nowMs);
  if (verdict === 'malformed') return apiError('InvalidTimeStamp.Format');
  if (verdict === 'expired') return apiError('InvalidTimeStamp.Expired');
  const account = state.world.accountsByKeyId.get(credentials.accessKeyId);
  if (!account) return apiError('InvalidAccessKeyId.NotFound');
  const signed =
    call.family === 'rpc'
      ? seams.verifySignature({
          kind: 'rpc',
          method: call.method,
          params: call.params.list,
          secret: account.accessKeySecret,
        })
      : seams.verifySignature({
          kind: 'acs3',
          method: call.method,
          path: call.path,
          query: call.query,
          headers: call.headers,
          body: call.body,
          secret: account.accessKeySecret,
        });
  if (!signed) return apiError('SignatureDoesNotMatch');
  if (!seams.checkNonce(state.nonces, `${account.accessKeyId}\n${credentials.nonce}`, nowMs)) {
    return apiError('SignatureNonceUsed');
  }
  return account;
};
