import type { IncomingHttpHeaders } from 'node:http';
import type { WireParams } from '../lib/cases.js';
import { createSnapshotGroup } from './actions/create/handler.js';
import { type ActionEnv, type ActionHandler, type ActionResult, failed } from './actions/result.js';
import type { IncomingCall, SignatureFamily } from './http/incoming.js';
import { decodeUtf8, ParamBag, parseUrlEncoded } from './http/params.js';
import { authenticate } from './protocol/authenticate.js';
import { ApiError, apiError, invalidParameter, missingParameter } from './protocol/errors.js';
import type { Format } from './protocol/render.js';
import type { EmulatorSeams } from './seams.js';

export const API_VERSION = '2014-05-26';

/** The operations served; the two support operations are seams (a mutant may bend them). */
const ACTIONS: Readonly<Record<string, (seams: EmulatorSeams) => ActionHandler>> = {
  CreateSnapshotGroup: () => createSnapshotGroup,
  DescribeSnapshotGroups: (seams) => seams.describeSnapshotGroups,
  DeleteSnapshotGroup: (seams) => seams.deleteSnapshotGroup,
};

/** Common parameters (protocol.md section 2): each may appear once. */
const COMMON_PARAMETERS = [
  'Action',
  'Version',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Format',
  'SecurityToken',
];

export interface RawRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body, or 'too-large' when it was over the limit. */
  body: Uint8Array | 'too-large';
}

export interface Handled {
  format: Format;
  /** Set once the action is known: names the success root. */
  action?: string;
  result: ActionResult;
}

const lowerCaseHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
};

const isForm = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);

/**
 * V3 when an Authorization header or one of V3's own x-acs-* headers is present (a V3 request that lost
 * its Authorization is still V3, and still wants JSON). RPC clients also send x-acs-action and
 * x-acs-version, so those two decide nothing.
 */
const familyOf = (headers: IncomingHttpHeaders): SignatureFamily =>
  headers.authorization !== undefined ||
  headers['x-acs-date'] !== undefined ||
  headers['x-acs-signature-nonce'] !== undefined ||
  headers['x-acs-content-sha256'] !== undefined
    ? 'acs3'
    : 'rpc';

/** XML is the documented default of RPC calls; the V3 SDKs expect JSON unless they ask otherwise. */
const formatOf = (family: SignatureFamily, asked: string | undefined): Format => {
  const lower = asked?.toLowerCase();
  if (lower === 'json') return 'JSON';
  if (lower === 'xml') return 'XML';
  return family === 'acs3' ? 'JSON' : 'XML';
};

/** Reads the request into an IncomingCall, or the 4xx its syntax earns. */
const decodeCall = (raw: RawRequest, family: SignatureFamily): IncomingCall | ApiError => {
  const headers = lowerCaseHeaders(raw.headers);
  const queryAt = raw.url.indexOf('?');
  const path = queryAt < 0 ? raw.url : raw.url.slice(0, queryAt);
  if (path !== '/') return apiError('InvalidApi.NotFound');
  if (raw.body === 'too-large') return invalidParameter('body', 'the request body is too large');
  const query: WireParams = [];
  const queryError = parseUrlEncoded(queryAt < 0 ? '' : raw.url.slice(queryAt + 1), query);
  if (queryError) return queryError;
  const all: WireParams = [...query];
  if (raw.body.length > 0 && isForm(headers['content-type'])) {
    const text = decodeUtf8(raw.body);
    if (text === undefined) return invalidParameter('body', 'the form body is not UTF-8');
    const bodyError = parseUrlEncoded(text, all);
    if (bodyError) return bodyError;
  }
  return { family, method: raw.method, path, headers, query, body: raw.body, params: new ParamBag(all) };
};

/** Action and Version: RPC carries them as parameters, V3 as x-acs-* headers (either is accepted). */
const routeOf = (call: IncomingCall): { action?: string; version?: string } => {
  const header = (name: string) => call.headers[name] || undefined;
  return call.family === 'acs3'
    ? {
        action: header('x-acs-action') ?? call.params.get('Action'),
        version: header('x-acs-version') ?? call.params.get('Version'),
      }
    : {
        action: call.params.get('Action') ?? header('x-acs-action'),
        version: call.params.get('Version') ?? header('x-acs-version'),
      };
};

/**
 * The protocol layer, in precedence order: HTTP method, path and syntax, common parameters given twice,
 * Action present and known, Version present and valid, authentication, then the action itself.
 */
export const handle = async (env: ActionEnv, raw: RawRequest): Promise<Handled> => {
  const family = familyOf(raw.headers);
  let format = formatOf(family, undefined);
  const stop = (error: ApiError): Handled => ({ format, result: failed(error) });
  if (!env.seams.methodAllowed(raw.method)) return stop(apiError('UnsupportedHTTPMethod'));
  const call = decodeCall(raw, family);
  if (call instanceof ApiError) return stop(call);
  format = formatOf(family, call.params.get('Format'));
  const repeated = call.params.firstRepeated(COMMON_PARAMETERS);
  if (repeated !== undefined) return stop(invalidParameter(repeated, 'it is given more than once'));
  const { action, version } = routeOf(call);
  if (!action) return stop(missingParameter('Action'));
  const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action]?.(env.seams) : undefined;
  if (!handler) return stop(apiError('InvalidAction.NotFound'));
  if (!version) return stop(missingParameter('Version'));
  if (version !== API_VERSION) {
    return stop(invalidParameter('Version', `this service implements ${API_VERSION}`));
  }
  const account = authenticate(call, env.state, env.seams, env.clock());
  if (account instanceof ApiError) return stop(account);
  return { format, action, result: await handler(env, { account, params: call.params }) };
};
