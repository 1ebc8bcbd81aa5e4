import type { CaseRequest, TransportVariant } from '../cases.js';
import { ToolError } from '../errors.js';
import type { Credentials } from './credentials.js';
import type { TransportConstraints } from './transport.js';

export interface ClientOptions {
  /** `https://ecs.<region>.aliyuncs.com`, or any http(s) URL of a compatible API or emulator. */
  target: string;
  /** Keys for a world account id, e.g. `(id) => credentialsForAccount(world, id)`; asked once per account. */
  credentials: (accountId: string) => Credentials;
  apiVersion?: '2014-05-26';
  /** Transport for `call()` (support operations); default the current SDK's: v3, POST, query, JSON. */
  supportTransport?: TransportVariant;
  transport?: TransportConstraints;
  /**
   * Awaited before every attempt of `req`, retries included (attempt 0 is the first): a run's rate cap
   * and create budget. Resolving false refuses a retry; the first attempt is always made.
   */
  beforeAttempt?: (req: CaseRequest, attempt: number) => boolean | Promise<boolean>;
  userAgent?: string;
  /** Clock and nonce source, injectable for reproducible tests. */
  now?: () => Date;
  nonce?: (req: CaseRequest) => string;
}

export const SDK_DEFAULT_TRANSPORT: TransportVariant = {
  signature: 'v3',
  method: 'POST',
  body: 'query',
  format: 'JSON',
};

/** Parses and checks a target; ToolError E_TARGET_URL naming it when it is not a usable http(s) URL. */
export function parseTarget(target: unknown): URL {
  if (typeof target !== 'string' || target.trim() === '') {
    throw new ToolError(
      'E_TARGET_URL',
      `target must be a non-empty http(s) URL, got ${JSON.stringify(target)}`,
    );
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    const hint = /^[\w.-]+(:\d+)?$/.test(target) ? ` (did you mean https://${target}?)` : '';
    throw new ToolError('E_TARGET_URL', `target "${target}" is not a valid URL${hint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolError('E_TARGET_URL', `target "${target}" must use http or https, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ToolError(
      'E_TARGET_URL',
      `target "${target}" must not carry credentials, a query or a fragment`,
    );
  }
  return url;
}

function positiveInteger(field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ToolError(
      'E_USAGE',
      `invalid option ${field}: expected a positive integer, got ${JSON.stringify(value)}`,
    );
  }
}

function nonNegativeInteger(field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ToolError(
      'E_USAGE',
      `invalid option ${field}: expected an integer >= 0, got ${JSON.stringify(value)}`,
    );
  }
}

/** Checks every option before anything is sent; messages name the field. Returns the target URL. */
export function validateClientOptions(options: ClientOptions): URL {
  if (typeof options !== 'object' || options === null) {
    throw new ToolError('E_USAGE', 'invalid client options: expected an object');
  }
  const url = parseTarget(options.target);
  if (typeof options.credentials !== 'function') {
    throw new ToolError(
      'E_USAGE',
      'invalid option credentials: expected a function (accountId) => Credentials',
    );
  }
  if (options.apiVersion !== undefined && options.apiVersion !== '2014-05-26') {
    throw new ToolError(
      'E_USAGE',
      `invalid option apiVersion: expected "2014-05-26", got ${JSON.stringify(options.apiVersion)}`,
    );
  }
  const t = options.transport ?? {};
  positiveInteger('transport.connections', t.connections);
  positiveInteger('transport.connectTimeoutMs', t.connectTimeoutMs);
  positiveInteger('transport.headersTimeoutMs', t.headersTimeoutMs);
  positiveInteger('transport.bodyTimeoutMs', t.bodyTimeoutMs);
  positiveInteger('transport.maxResponseBytes', t.maxResponseBytes);
  nonNegativeInteger('transport.retry.maxRetries', t.retry?.maxRetries);
  nonNegativeInteger('transport.retry.baseDelayMs', t.retry?.baseDelayMs);
  nonNegativeInteger('transport.retry.maxDelayMs', t.retry?.maxDelayMs);
  if (t.rejectUnauthorized !== undefined && typeof t.rejectUnauthorized !== 'boolean') {
    throw new ToolError('E_USAGE', 'invalid option transport.rejectUnauthorized: expected a boolean');
  }
  return url;
}
