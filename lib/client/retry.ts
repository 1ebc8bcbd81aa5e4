import type { ParsedBody } from './exchange.js';

export interface RetryConstraints {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /**
   * Of those, retries after a timeout (default 1): a target that let one attempt time out is likely to
   * let the next do the same, and each costs a whole timeout.
   */
  maxTimeoutRetries?: number;
  /** First backoff (default 200 ms); doubles each retry. */
  baseDelayMs?: number;
  /** Cap on any wait, Retry-After included (default 10 s). */
  maxDelayMs?: number;
  /** Statuses that mean throttling or overload (default 429, 503). */
  retryStatuses?: readonly number[];
  /** Error codes that mean the same (default Throttling, Throttling.User, ServiceUnavailable). */
  retryCodes?: readonly string[];
  /** Source of jitter (default Math.random); injectable for tests. */
  random?: () => number;
}

export type ResolvedRetry = Required<RetryConstraints>;

export function resolveRetry(c: RetryConstraints = {}): ResolvedRetry {
  return {
    maxRetries: c.maxRetries ?? 3,
    maxTimeoutRetries: c.maxTimeoutRetries ?? 1,
    baseDelayMs: c.baseDelayMs ?? 200,
    maxDelayMs: c.maxDelayMs ?? 10_000,
    retryStatuses: c.retryStatuses ?? [429, 503],
    retryCodes: c.retryCodes ?? ['Throttling', 'Throttling.User', 'ServiceUnavailable'],
    random: c.random ?? Math.random,
  };
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread but never vanish. */
export function backoffDelay(retry: number, policy: ResolvedRetry): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exp / 2 + (exp / 2) * policy.random());
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The error Code of a parsed body, JSON or XML, whatever its case. */
export function errorCodeOf(parsed: ParsedBody): string | undefined {
  if (parsed.format !== 'json' && parsed.format !== 'xml') return undefined;
  const code = parsed.value.Code ?? parsed.value.code;
  return typeof code === 'string' ? code : undefined;
}

const DEFAULT_POLICY = resolveRetry();

/**
 * Why an answer is throttling or overload as the client's default policy sees it (what it retries), or
 * undefined: for those who judge an exchange once its retries are over.
 */
export function throttledAnswer(response: { status: number; parsed: ParsedBody }): string | undefined {
  return throttleReason(response.status, response.parsed, DEFAULT_POLICY);
}

/** Why a response is worth retrying, or undefined. */
export function throttleReason(
  status: number,
  parsed: ParsedBody,
  policy: ResolvedRetry,
): string | undefined {
  const code = errorCodeOf(parsed);
  if (code !== undefined && policy.retryCodes.includes(code)) return `HTTP ${status} ${code}`;
  if (policy.retryStatuses.includes(status)) return `HTTP ${status}${code ? ` ${code}` : ''}`;
  return undefined;
}
