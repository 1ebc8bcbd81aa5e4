import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  type CaseRequest,
  SIMULTANEOUS_DUPLICATES,
  type TransportVariant,
  type WireParams,
} from '../cases.js';
import {
  type Client,
  createClient,
  credentialsForAccount,
  type Exchange,
  type RetryRecord,
  type TransportFailure,
  throttledAnswer,
} from '../client/index.js';
import { ToolError } from '../errors.js';
import type { Rule } from '../spec/catalogue.js';
import { applyProfile } from '../spec/load.js';
import { CircuitBreaker, type Trouble } from './breaker.js';
import type { CassetteRecorder } from './cassette.js';
import { openRecorder, openReference } from './differential-setup.js';
import type { RunEvent } from './events.js';
import { asCaseStream, type CaseStream, defaultGenerate } from './generate.js';
import { GroupJournal } from './journal.js';
import { RunFacts } from './memory.js';
import { type ResolvedRunOptions, type RunOptions, resolveRunOptions } from './options.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import type { Reference } from './reference.js';
import { RuleTally } from './tally.js';

/**
 * One run's shared state: the client, the run-wide facts the checks read, the create budget, the
 * journal of created groups, the per-rule tallies and the counters. runRules() may be called several
 * times on one session (one family per suite file); closeSession() sweeps and closes.
 */
export class Session {
  readonly facts = new RunFacts();
  readonly journal: GroupJournal;
  readonly tallies = new Map<string, RuleTally>();
  /**
   * Rules whose cases runRules has taken (run or skipped): it never takes a rule's cases twice. Rule
   * ids, not case ids: what the run keeps does not grow with the number of cases.
   */
  readonly settled = new Set<string>();
  /** When the session opened (ms since the epoch): groups found on the target later may be the run's. */
  readonly startedAt = Date.now();
  readonly client: Client;
  /** A differential run's second sender: it gets every case this session sends (see reference.ts). */
  reference: Reference | undefined;
  /** Writes the cassette of this session's answers (`record`), when it closes. */
  recorder: CassetteRecorder | undefined;
  /** Remaining create budget; undefined when unbounded. */
  budget: number | undefined;
  requests = 0;
  casesRun = 0;
  executionMs = 0;
  #abortError: ToolError | undefined;
  readonly #breaker: CircuitBreaker;
  /** Aborted with the run: the transport then stops retrying and cuts its waits short. */
  readonly #stop = new AbortController();
  /** False for a client given in the options: attempts are then counted from each finished exchange. */
  readonly #attemptsReported: boolean;
  readonly #limiter: RateLimiter | undefined;
  /** First attempts whose rate token sendAtOnce took ahead (a request sent n times at once: n). */
  readonly #prepaid = new Map<CaseRequest, number>();
  readonly #onAbortSignal = () => this.abort(new ToolError('E_INTERRUPTED', 'the run was interrupted'));

  constructor(
    readonly options: ResolvedRunOptions,
    /** The catalogue's rules (profile applied), narrowed by `only`, in catalogue order. */
    readonly rules: readonly Rule[],
    /** The cases, drawn rule by rule as they are run and dropped once judged. */
    readonly cases: CaseStream,
    readonly notCovered: ReadonlyMap<string, string>,
    /** Planning, then every draw from `cases` (which happens while cases run, not before). */
    public generationMs: number,
  ) {
    this.journal = new GroupJournal(options.journalFile);
    this.budget = options.maxCreates;
    this.#breaker = new CircuitBreaker(options.maxConsecutiveTransportFailures);
    this.#limiter = options.rate === undefined ? undefined : createRateLimiter({ rate: options.rate });
    this.#attemptsReported = options.client === undefined;
    this.client = options.client ?? this.#createClient();
    if (options.signal?.aborted) this.#onAbortSignal();
    else options.signal?.addEventListener('abort', this.#onAbortSignal, { once: true });
  }

  #createClient(): Client {
    const { options } = this;
    const world = options.world;
    return createClient({
      target: options.target,
      credentials: options.credentials ?? ((account) => credentialsForAccount(world, account)),
      transport: {
        // Concurrent cases send their requests at once, each on its own connection (see sendAtOnce), so
        // that they reach the target together even when every case in flight is one. undici opens
        // connections only when requests wait, so the bound costs nothing until used.
        connections: options.concurrency * SIMULTANEOUS_DUPLICATES,
        connectTimeoutMs: options.timeoutMs,
        headersTimeoutMs: options.timeoutMs,
        bodyTimeoutMs: options.timeoutMs,
        signal: this.#stop.signal,
        onAttempt: ({ failure }) => {
          if (failure !== undefined) this.#trouble({ kind: 'transport', failure });
        },
      },
      // Without a rate cap or a budget, no hook: each await costs a turn of the microtask queue.
      ...((this.#limiter !== undefined || this.budget !== undefined) && {
        beforeAttempt: (req: CaseRequest, attempt: number) => this.#beforeAttempt(req, attempt),
      }),
    });
  }

  /**
   * Every attempt of the client made here, retries included, waits for the rate cap; a retried create
   * also spends the create budget (a target that ignores ClientToken makes a group per attempt), and is
   * not made once the budget is spent.
   */
  async #beforeAttempt(req: CaseRequest, attempt: number): Promise<boolean> {
    if (attempt > 0 && req.action === 'CreateSnapshotGroup' && this.budget !== undefined) {
      if (this.budget === 0) return false;
      this.budget -= 1;
    }
    const prepaid = attempt === 0 ? (this.#prepaid.get(req) ?? 0) : 0;
    if (prepaid > 0) {
      if (prepaid === 1) this.#prepaid.delete(req);
      else this.#prepaid.set(req, prepaid - 1);
      return true;
    }
    if (this.#limiter !== undefined) await this.#limiter.take();
    return true;
  }

  get aborted(): boolean {
    return this.#abortError !== undefined;
  }

  /** Why the run stopped early, if it did. */
  get abortError(): ToolError | undefined {
    return this.#abortError;
  }

  tally(ruleId: string): RuleTally {
    let tally = this.tallies.get(ruleId);
    if (tally === undefined) {
      tally = new RuleTally();
      this.tallies.set(ruleId, tally);
    }
    return tally;
  }

  /** Stops starting cases and retries (clean-up still goes out); the first reason wins. */
  abort(error: ToolError): void {
    if (this.#abortError !== undefined) return;
    this.#abortError = error;
    this.#stop.abort();
    this.emit({ type: 'aborted', error });
  }

  emit(event: RunEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (cause) {
      this.abort(
        new ToolError(
          'E_INTERNAL',
          `an onEvent listener threw on ${event.type}: ${(cause as Error).message}`,
          { cause },
        ),
      );
    }
  }

  /**
   * Every request of the run goes through here: rate cap, counters, circuit breaker. The client made
   * here paces each attempt itself (#beforeAttempt); a client given in the options is paced here, on its
   * first attempts only.
   */
  async send(req: CaseRequest): Promise<Exchange> {
    // Without a rate cap, no await: each one costs a turn of the microtask queue on every request.
    if (this.#limiter !== undefined && !this.#attemptsReported) await this.#limiter.take();
    return this.#deliver(req);
  }

  /**
   * Requests that must reach the target together (same-token duplicates): every rate token is taken
   * first, then all go at once, each on a connection of its own. Spaced by the rate cap, the first would
   * be answered before the next arrived and the race they test would never happen; the cap still holds
   * on average, as the tokens were all taken. Their retries wait for the cap as any retry does.
   */
  async sendAtOnce(reqs: readonly CaseRequest[]): Promise<Exchange[]> {
    if (this.#limiter !== undefined) {
      for (const req of reqs) {
        await this.#limiter.take();
        // Only the client made here asks before each attempt (#beforeAttempt), and so spends the credit.
        if (this.#attemptsReported) this.#prepaid.set(req, (this.#prepaid.get(req) ?? 0) + 1);
      }
    }
    return Promise.all(reqs.map((req) => this.#deliver(req)));
  }

  async #deliver(req: CaseRequest): Promise<Exchange> {
    const exchange = await this.client.send(req);
    this.requests += 1 + exchange.retries.length;
    if (!this.#attemptsReported) {
      for (const retry of exchange.retries) {
        const failure = retriedFailure(retry);
        if (failure !== undefined) this.#trouble({ kind: 'transport', failure });
      }
      if (exchange.failure !== undefined) this.#trouble({ kind: 'transport', failure: exchange.failure });
    }
    this.#judgeAnswer(exchange);
    return exchange;
  }

  /**
   * Transport failures count attempt by attempt as they end (#trouble, from the client's onAttempt): a
   * hanging target then stops the run after `maxConsecutiveTransportFailures` timeouts, not that many
   * requests each retried. Answers count once their retries are over: throttling that outlived them is
   * a trouble, any other answer a success (throttling that passed on a retry is no trouble).
   */
  #judgeAnswer(exchange: Exchange): void {
    const { response } = exchange;
    if (response === undefined) return;
    const throttled = throttledAnswer(response);
    if (throttled === undefined) this.#breaker.answered();
    else this.#trouble({ kind: 'throttled', reason: throttled });
  }

  #trouble(trouble: Trouble): void {
    const stop = this.#breaker.failed(trouble, this.options.targetUrl.origin);
    if (stop !== undefined) this.abort(new ToolError('E_TARGET_UNSTABLE', stop));
  }

  /** A support operation (DescribeSnapshotGroups, DeleteSnapshotGroup), untampered. */
  call(action: string, params: WireParams, account: string, transport: TransportVariant): Promise<Exchange> {
    return this.send({ action, params, account, transport });
  }

  detach(): void {
    this.options.signal?.removeEventListener('abort', this.#onAbortSignal);
  }
}

/** The transport failure a retry record names (its reason starts with the code), if it was one. */
function retriedFailure(retry: RetryRecord): TransportFailure | undefined {
  const code = /^(E_TARGET_[A-Z]+)\b/.exec(retry.reason)?.[1];
  return code === undefined
    ? undefined
    : { code: code as TransportFailure['code'], message: `retried: ${retry.reason}` };
}

function checkJournalWritable(file: string | undefined): void {
  if (file === undefined) return;
  try {
    appendFileSync(file, '');
  } catch (error) {
    throw new ToolError(
      'E_USAGE',
      `invalid option journalFile: cannot write ${file}: ${(error as Error).message}`,
    );
  }
}

function selectedRules(options: ResolvedRunOptions): Rule[] {
  const rules = applyProfile(options.catalogue, options.profile);
  const only = options.only;
  return only === undefined
    ? rules
    : rules.filter((rule) => only.includes(rule.id) || only.includes(rule.family));
}

/**
 * Validates the options, plans the cases (what is covered; no case is drawn yet with the default
 * generator) and opens the client; sends nothing.
 */
export async function createSession(input: RunOptions): Promise<Session> {
  const options = resolveRunOptions(input);
  checkJournalWritable(options.journalFile);
  const rules = selectedRules(options);
  const started = performance.now();
  const generated = asCaseStream(
    await (options.generate ?? defaultGenerate)({
      catalogue: options.catalogue,
      profile: options.profile,
      world: options.world,
      seed: options.seed,
      runs: options.runs,
      transports: options.transports,
      ...(options.only !== undefined && { only: options.only }),
    }),
  );
  const generationMs = performance.now() - started;
  const notCovered = new Map(generated.notCovered.map(({ rule, reason }) => [rule, reason]));
  const session = new Session(options, rules, generated, notCovered, generationMs);
  session.recorder = openRecorder(options);
  session.reference = openReference(options);
  return session;
}
