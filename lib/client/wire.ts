import type { CaseRequest, Tamper, TimestampNearMiss, WireParams } from '../cases.js';
import type { Credentials } from './credentials.js';
import type { SentRequest } from './exchange.js';
import { buildAcs3Request } from './wire-acs3.js';
import { buildRpcRequest } from './wire-rpc.js';

export interface WireContext {
  /** Origin and path of the target; the path is normally `/`. */
  target: URL;
  credentials: Credentials;
  now: Date;
  /** SignatureNonce / x-acs-signature-nonce unless a `nonce` tamper sets it. */
  nonce: string;
  apiVersion: '2014-05-26';
  userAgent?: string;
}

/** Every value a request carries once its tamper is applied; the per-signature builders read only this. */
export interface ResolvedRequest {
  req: CaseRequest;
  /** The method on the request line and in the signature. */
  method: string;
  action: string;
  version: string;
  accessKeyId: string;
  secret: string;
  securityToken: string | undefined;
  timestamp: string;
  nonce: string;
  /** Set when a `signature-method` tamper replaces HMAC-SHA1 (v2) or ACS3-HMAC-SHA256 (v3). */
  signatureMethod: string | undefined;
  omit: Extract<Tamper, { kind: 'omit' }>['name'] | undefined;
  corruptSignature: boolean;
  addedAfterSigning: WireParams;
  host: string;
  path: string;
  origin: string;
  userAgent: string;
}

export const DEFAULT_USER_AGENT = 'ecs-conformance/0.1.0';
/** A key id no target knows: the `unknown-access-key` tamper signs with it. */
export const UNKNOWN_ACCESS_KEY_ID = 'LTAI0000ConformanceUnknownKey';

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, as both signatures want. */
export const formatTimestamp = (date: Date): string => {
  const iso = date.toISOString();
  // `yyyy-MM-ddTHH:mm:ss.sssZ` (years 0-9999) loses its milliseconds by a slice; other years keep the regex.
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
};

/** The time in a near miss of `yyyy-MM-ddTHH:mm:ssZ` (see TimestampNearMiss): only the format is wrong. */
export function nearMissTimestamp(date: Date, format: TimestampNearMiss): string {
  const exact = formatTimestamp(date);
  switch (format) {
    case 'millis':
      return date.toISOString();
    case 'space':
      return exact.replace('T', ' ');
    case 'offset':
      return exact.replace(/Z$/, '+00:00');
    case 'lower-z':
      return exact.replace(/Z$/, 'z');
    case 'no-zone':
      return exact.replace(/Z$/, '');
  }
}

function timestampOf(t: Tamper | undefined, now: Date): string {
  if (t?.kind === 'timestamp') return t.value;
  // Rendered now, not when the case was generated: the value must be fresh so that only its format is wrong.
  if (t?.kind === 'timestamp-format') return nearMissTimestamp(now, t.format);
  return formatTimestamp(now);
}

/**
 * Builds the HTTP request for a case: serialised and signed as the official SDKs do for its
 * transport variant, then damaged as its tamper says. Pure: same input, same output.
 */
export function buildHttpRequest(req: CaseRequest, ctx: WireContext): SentRequest {
  const resolved = resolve(req, ctx);
  return req.transport.signature === 'v2' ? buildRpcRequest(resolved) : buildAcs3Request(resolved);
}

function resolve(req: CaseRequest, ctx: WireContext): ResolvedRequest {
  const t = req.tamper;
  return {
    req,
    method: t?.kind === 'method' ? t.method : req.transport.method,
    action: t?.kind === 'action' ? t.value : req.action,
    version: t?.kind === 'version' ? t.value : ctx.apiVersion,
    accessKeyId: t?.kind === 'unknown-access-key' ? UNKNOWN_ACCESS_KEY_ID : ctx.credentials.accessKeyId,
    // A different secret of the same shape, so only its value is wrong.
    secret:
      t?.kind === 'wrong-secret'
        ? wrongSecret(ctx.credentials.accessKeySecret)
        : ctx.credentials.accessKeySecret,
    securityToken: ctx.credentials.securityToken || undefined,
    timestamp: timestampOf(t, ctx.now),
    nonce: t?.kind === 'nonce' ? t.value : ctx.nonce,
    signatureMethod: t?.kind === 'signature-method' ? t.value : undefined,
    omit: t?.kind === 'omit' ? t.name : undefined,
    corruptSignature: t?.kind === 'signature-char',
    addedAfterSigning: t?.kind === 'add-after-signing' ? [[t.name, t.value]] : [],
    host: ctx.target.host,
    path: ctx.target.pathname === '' ? '/' : ctx.target.pathname,
    origin: ctx.target.origin,
    userAgent: ctx.userAgent ?? DEFAULT_USER_AGENT,
  };
}

function wrongSecret(secret: string): string {
  const last = secret.at(-1);
  return `${secret.slice(0, -1)}${last === 'x' ? 'y' : 'x'}`;
}

export { decodeParams } from './sign/decode.js';
export { corruptFirstChar, encodeParams } from './wire-encode.js';
