import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { ToolError } from '../errors.js';
import type {
  Exchange,
  ParsedBody,
  ReceivedResponse,
  RetryRecord,
  SentRequest,
  TransportFailure,
} from './exchange.js';
import { parseBody } from './parse.js';
import {
  backoffDelay,
  parseRetryAfter,
  type RetryConstraints,
  resolveRetry,
  throttleReason,
} from './retry.js';
import { AttemptError, dispatchCapped } from './transport-dispatch.js';
import { type ClassifiedFailure, classifyTransportError, wasNeverSent } from './transport-errors.js';

export interface TransportConstraints {
  /** Connections per target origin: the bound on concurrent requests (default 8). */
  connections?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Bytes of body kept; the rest is cut and the response marked truncated (default 4 MiB). */
  maxResponseBytes?: number;
  /** Verify TLS certificates (default true). */
  rejectUnauthorized?: boolean;
  /** Dotted paths of list containers for the parser (default KNOWN_ARRAY_PATHS). */
  arrayPaths?: readonly string[];
  retry?: RetryConstraints;
  /**
   * Once aborted, no retry starts and a retry's wait ends at once (the exchange keeps its last outcome).
   * Requests are still sent, and those in flight run to their end: clean-up must go on after a stop, and
   * a create cut off mid-flight could leave a group nobody knows about.
   */
  signal?: AbortSignal;
  /** Told of every attempt (retries included) as it ends: a failure streak counts attempts. Must not throw. */
  onAttempt?: (attempt: AttemptReport) => void;
}

/** One attempt as it ended: `failure` when the transport failed, absent when the target answered. */
export interface AttemptReport {
  origin: string;
  failure?: TransportFailure;
}

export interface SendOptions {
  /** Safe to send twice (default true): a request that may have been processed is retried only then. */
  repeatable?: boolean;
  /** Awaited before each attempt; false refuses a retry (see Transport.send). */
  beforeAttempt?: (attempt: number) => boolean | Promise<boolean>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

type Attempt =
  | { kind: 'response'; response: ReceivedResponse }
  | { kind: 'failure'; failure: ClassifiedFailure };

/**
 * Sends signed requests: one keep-alive pool per origin, never following redirects, retrying only
 * transport failures and throttling. Target misbehaviour becomes data in the Exchange, never a throw.
 */
export class Transport {
  readonly #pools = new Map<string, Pool>();
  /** Origins that answered once: a refused connection there is a mid-run failure, worth a retry. */
  readonly #answered = new Set<string>();
  readonly #c: Required<Omit<TransportConstraints, 'arrayPaths' | 'retry' | 'signal' | 'onAttempt'>> &
    Pick<TransportConstraints, 'arrayPaths' | 'signal' | 'onAttempt'>;
  readonly #retry;

  constructor(constraints: TransportConstraints = {}) {
    this.#c = {
      connections: constraints.connections ?? 8,
      connectTimeoutMs: constraints.connectTimeoutMs ?? 10_000,
      headersTimeoutMs: constraints.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: constraints.bodyTimeoutMs ?? 30_000,
      maxResponseBytes: constraints.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      rejectUnauthorized: constraints.rejectUnauthorized ?? true,
      arrayPaths: constraints.arrayPaths,
      signal: constraints.signal,
      onAttempt: constraints.onAttempt,
    };
    this.#retry = resolveRetry(constraints.retry);
  }

  /**
   * `build(attempt)` gives the request to send; a retry rebuilds it (fresh nonce and timestamp).
   * `beforeAttempt(attempt)` is awaited before each attempt is built (the first included): the place for
   * a rate cap, so that retries are paced like first attempts. It may refuse a retry (false): the
   * exchange then keeps the outcome it has. The first attempt is always made.
   */
  async send(
    build: (attempt: number) => SentRequest,
    { repeatable = true, beforeAttempt }: SendOptions = {},
  ): Promise<Exchange> {
    if (beforeAttempt !== undefined) await beforeAttempt(0);
    const startedAt = new Date().toISOString();
    const start = performance.now();
    const retries: RetryRecord[] = [];
    let timeoutRetries = 0;
    for (let attempt = 0; ; attempt++) {
      const request = build(attempt);
      const origin = this.#originOf(request.url);
      const outcome = await this.#attempt(request, origin);
      const failure = outcome.kind === 'failure' ? asFailure(outcome.failure) : undefined;
      this.#c.onAttempt?.({ origin, ...(failure && { failure }) });
      const timedOut = failure?.code === 'E_TARGET_TIMEOUT';
      const retry =
        attempt < this.#retry.maxRetries &&
        !this.#c.signal?.aborted &&
        !(timedOut && timeoutRetries >= this.#retry.maxTimeoutRetries)
          ? this.#retryDelay(outcome, attempt + 1, origin, repeatable)
          : undefined;
      if (
        retry === undefined ||
        !(await this.#wait(retry.delayMs)) ||
        (beforeAttempt !== undefined && !(await beforeAttempt(attempt + 1)))
      ) {
        const timing = { startedAt, durationMs: performance.now() - start };
        return outcome.kind === 'response'
          ? { request, response: outcome.response, retries, timing }
          : { request, failure: failure as TransportFailure, retries, timing };
      }
      if (timedOut) timeoutRetries += 1;
      retries.push({ attempt: attempt + 1, reason: retry.reason, delayMs: retry.delayMs });
    }
  }

  /** Waits before a retry; false when the signal cut the wait short (then no retry is made). */
  async #wait(delayMs: number): Promise<boolean> {
    const signal = this.#c.signal;
    if (signal === undefined) {
      await sleep(delayMs);
      return true;
    }
    try {
      await sleep(delayMs, undefined, { signal });
      return true;
    } catch {
      return false;
    }
  }

  #retryDelay(
    outcome: Attempt,
    retry: number,
    origin: string,
    repeatable: boolean,
  ): { reason: string; delayMs: number } | undefined {
    const backoff = backoffDelay(retry, this.#retry);
    if (outcome.kind === 'failure') {
      const { failure } = outcome;
      if (failure.permanent) return undefined;
      // Refused before the target ever answered: it is down, not flaky; fail fast.
      if (failure.cause === 'ECONNREFUSED' && !this.#answered.has(origin)) return undefined;
      const neverSent = wasNeverSent(failure);
      if (!neverSent && !repeatable) return undefined;
      const reason = `${failure.code} (${failure.cause})${neverSent ? '' : ', request may have been processed'}`;
      return { reason, delayMs: backoff };
    }
    const { response } = outcome;
    const reason = throttleReason(response.status, response.parsed, this.#retry);
    if (reason === undefined) return undefined;
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
    if (retryAfter === undefined) return { reason, delayMs: backoff };
    return {
      reason: `${reason}, Retry-After ${response.headers['retry-after']}`,
      delayMs: Math.min(retryAfter, this.#retry.maxDelayMs),
    };
  }

  /** The origin of a URL; the pools' known origins are tried first, parsing a URL costs more. */
  #originOf(url: string): string {
    for (const origin of this.#pools.keys()) {
      if (url.length > origin.length && url.startsWith(origin) && '/?'.includes(url.charAt(origin.length)))
        return origin;
    }
    return originOf(url);
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.#c.connections,
        headersTimeout: this.#c.headersTimeoutMs,
        bodyTimeout: this.#c.bodyTimeoutMs,
        connect: { timeout: this.#c.connectTimeoutMs, rejectUnauthorized: this.#c.rejectUnauthorized },
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  async #attempt(request: SentRequest, origin: string): Promise<Attempt> {
    try {
      const res = await dispatchCapped(
        this.#pool(origin),
        {
          // The path as built, not re-serialised by URL: the query's encoding is part of what is tested.
          path: request.url.slice(origin.length) || '/',
          method: request.method,
          headers: request.headers,
          body: request.body === '' ? null : request.body,
        },
        this.#c.maxResponseBytes,
      );
      this.#answered.add(origin);
      // A body cut at the cap is not a whole document: reading megabytes only to find that out is not done.
      const parsed: ParsedBody = res.truncated
        ? { format: 'unparseable', reason: `cut at ${this.#c.maxResponseBytes} bytes, not read` }
        : parseBody(res.text, this.#c.arrayPaths ? { arrayPaths: this.#c.arrayPaths } : {});
      return {
        kind: 'response',
        response: {
          status: res.status,
          headers: res.headers,
          rawBody: res.text,
          truncated: res.truncated,
          parsed,
        },
      };
    } catch (thrown) {
      const { error, phase } =
        thrown instanceof AttemptError ? thrown : { error: thrown, phase: 'request' as const };
      if (phase === 'body') this.#answered.add(origin);
      const failure = classifyTransportError(error, origin, phase);
      if (failure === undefined) {
        throw new ToolError(
          'E_INTERNAL',
          `request to ${origin} could not be made: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      return { kind: 'failure', failure };
    }
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** The failure as an exchange carries it: the code, the message, and whether it surely never left. */
function asFailure(failure: ClassifiedFailure): TransportFailure {
  return {
    code: failure.code,
    message: failure.message,
    ...(wasNeverSent(failure) && { neverSent: true as const }),
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch (error) {
    throw new ToolError('E_TARGET_URL', `request URL "${url}" is not a valid URL`, { cause: error });
  }
}
