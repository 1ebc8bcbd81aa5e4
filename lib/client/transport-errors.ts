import type { TransportFailure } from './exchange.js';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
/** The target spoke broken HTTP: a malformed status line or headers, a body shorter than announced. */
const MALFORMED_CODE = /^(HPE_|HTTPParserError$|UND_ERR_RES_CONTENT_LENGTH_MISMATCH$|UND_ERR_INFO$)/;
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/;
/** Failures that say nothing was processed: retrying cannot double a create. Others might have been. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export interface ClassifiedFailure extends TransportFailure {
  /** The errno / undici code found, for retry decisions and messages. */
  cause: string;
  /** DNS failure or TLS: retrying will not help. */
  permanent: boolean;
}

/** Every code in an error, its `cause` chain and (connect to several addresses) its `errors`. */
function codesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const { code, name, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const own = typeof code === 'string' ? [code] : [];
  // undici's HTTPParserError carries no code (or an llhttp one) but a stable name.
  if (name === 'HTTPParserError') own.push(name);
  const nested = Array.isArray(errors) ? errors.flatMap((e) => codesOf(e, depth + 1)) : [];
  return [...own, ...codesOf(cause, depth + 1), ...nested];
}

/** Maps an undici / Node error to a stable failure code with a message naming the target; undefined if not a transport error. */
export function classifyTransportError(
  error: unknown,
  target: string,
  phase: 'request' | 'body',
): ClassifiedFailure | undefined {
  const codes = codesOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls !== undefined) {
    return {
      code: 'E_TARGET_TLS',
      message: `TLS failure talking to ${target}: ${tls} ${detail}`,
      cause: tls,
      permanent: true,
    };
  }
  const timeout = codes.find((c) => TIMEOUT_CODES.has(c));
  if (timeout !== undefined) {
    return {
      code: 'E_TARGET_TIMEOUT',
      message: `timeout (${timeout}) waiting for ${target}: ${detail}`,
      cause: timeout,
      permanent: false,
    };
  }
  const malformed = codes.find((c) => MALFORMED_CODE.test(c));
  if (malformed !== undefined) {
    return {
      code: 'E_TARGET_BODY',
      message: `malformed HTTP response from ${target}: ${malformed} ${detail}`,
      cause: malformed,
      permanent: false,
    };
  }
  const unreachable = codes.find((c) => UNREACHABLE_CODES.has(c));
  if (unreachable !== undefined) {
    const code = phase === 'body' ? 'E_TARGET_BODY' : 'E_TARGET_UNREACHABLE';
    const what = phase === 'body' ? 'connection lost while reading the body from' : 'cannot reach';
    return {
      code,
      message: `${what} ${target}: ${unreachable} ${detail}`,
      cause: unreachable,
      permanent: unreachable === 'ENOTFOUND',
    };
  }
  return undefined;
}

export const wasNeverSent = (failure: ClassifiedFailure): boolean => NOT_SENT_CODES.has(failure.cause);
