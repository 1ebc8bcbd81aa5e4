// The client's public surface: every export others may use is named here.
export { isAlibabaCloudEndpoint } from './alibaba-endpoint.js';
export type { Client } from './client.js';
export { createClient, randomNonce } from './client.js';
export type { Credentials, CredentialsMode } from './credentials.js';
export {
  CREDENTIALS_MODES,
  credentialsForAccount,
  credentialsFromEnv,
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  ENV_SECURITY_TOKEN,
} from './credentials.js';
export type {
  Exchange,
  ParsedBody,
  ReceivedResponse,
  RetryRecord,
  SentRequest,
  TransportFailure,
} from './exchange.js';
export type { ClientOptions } from './options.js';
export { parseTarget, SDK_DEFAULT_TRANSPORT, validateClientOptions } from './options.js';
export type { ParseConstraints } from './parse.js';
export { KNOWN_ARRAY_PATHS, normaliseArrays, parseBody } from './parse.js';
export {
  knownSecrets,
  REDACTED,
  redactExchange,
  redactHeaders,
  redactRequest,
  redactSecrets,
  redactText,
  redactValue,
  registerSecret,
  requestSignatures,
} from './redact.js';
export type { ReplayArgs } from './replay.js';
export { curlLine, parseReplayArgs, replayCommand, shellQuote } from './replay.js';
export type { RetryConstraints } from './retry.js';
export { errorCodeOf, throttledAnswer } from './retry.js';
export { resolveSdkCredentials } from './sdk-credentials.js';
export type {
  CreateSnapshotGroupInput,
  DeleteSnapshotGroupInput,
  DescribeSnapshotGroupsInput,
  SerialisableValue,
  TagInput,
} from './serialise.js';
export {
  createSnapshotGroupParams,
  deleteSnapshotGroupParams,
  describeSnapshotGroupsParams,
  serialise,
} from './serialise.js';
export {
  ACS3_ALGORITHM,
  acs3Sign,
  hexSha256,
  parseAcs3Authorization,
  verifyAcs3Signature,
} from './sign/acs3.js';
export {
  canonicalQueryString,
  constantTimeEqual,
  percentEncode,
  rpcSignature,
  rpcStringToSign,
  verifyRpcSignature,
} from './sign/rpc.js';
export type { TransportConstraints } from './transport.js';
export { DEFAULT_MAX_RESPONSE_BYTES, Transport } from './transport.js';
export type { WireContext } from './wire.js';
export {
  buildHttpRequest,
  DEFAULT_USER_AGENT,
  decodeParams,
  encodeParams,
  formatTimestamp,
  UNKNOWN_ACCESS_KEY_ID,
} from './wire.js';
