import type { TransportVariant } from '../cases.js';
import type { Client, Credentials } from '../client/index.js';
import { parseTarget } from '../client/index.js';
import { ToolError } from '../errors.js';
import type { Catalogue, Profile } from '../spec/catalogue.js';
import type { World } from '../spec/world.js';
import type { RunEvent } from './events.js';
import type { GenerateCases } from './generate.js';
import type { LiveReferenceOptions } from './live-reference.js';

export interface SnapshotWait {
  /** Give up waiting for `accomplished` after this long (the group is still deleted). Default 300 000. */
  timeoutMs: number;
  /** Pause between DescribeSnapshotGroups polls. Default 2 000. */
  intervalMs: number;
}

export interface RunOptions {
  /** Base URL of the target: the real endpoint, a vendor's API or an emulator. */
  target: string;
  world: World;
  catalogue: Catalogue;
  profile: Profile;
  seed: number;
  /** Random cases per rule beyond the deterministic ones. */
  runs: number;
  transports: TransportVariant[];
  /** Rule ids or family names; default every rule. */
  only?: string[];
  /** Cases in flight at once. Default 8. */
  concurrency?: number;
  /**
   * The target finishes every snapshot before it answers (the embedded emulator does), so creates on
   * one disk may overlap; see caseLocks. Default false: each create holds its disks alone.
   */
  createsShareDisks?: boolean;
  /** Requests per second across the run (every request: cases, look-ups, clean-up). Default none. */
  rate?: number;
  /** Connect, headers and body timeout of each request. Default 30 000. */
  timeoutMs?: number;
  /** Cases that would create a group beyond this many are skipped, never sent. Default none. */
  maxCreates?: number;
  /**
   * Consecutive troubles that stop the run with E_TARGET_UNSTABLE: failed attempts at the transport level
   * (retries count) and requests still throttled after their retries; each other answer takes half a
   * trouble off, so a target failing more than a third of the time stops it too (see runner/breaker.ts).
   * Default 5.
   */
  maxConsecutiveTransportFailures?: number;
  /** Append-only JSONL of created and deleted group ids, for a sweeper after a hard stop. */
  journalFile?: string;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  snapshotWait?: Partial<SnapshotWait>;
  /** Keys of a world account; default credentialsForAccount(world, id, process.env). */
  credentials?: (accountId: string) => Credentials;
  /** World file named in replay commands. */
  worldFile?: string;
  /**
   * Case generation; default the generators' streaming `caseSource` (a seam for tests). A hook may
   * return every case at once (held for the run) or a CaseStream (drawn rule by rule as they run).
   */
  generate?: GenerateCases;
  /**
   * Sends the requests; default a client made from target, credentials, concurrency and timeoutMs.
   * A seam for benchmarks and tests (e.g. to record what is sent); closeSession() closes it.
   */
  client?: Client;
  /**
   * A differential run: every case also goes to this reference (a live endpoint, with its own keys and
   * journal, or a cassette directory), and every disagreement is a finding of the case's rule.
   */
  reference?: LiveReferenceOptions | { cassette: string };
  /** Writes a cassette of this run's answers into `dir` when the session closes. */
  record?: { dir: string; toolVersion: string };
}

export interface ResolvedRunOptions extends RunOptions {
  targetUrl: URL;
  only: string[] | undefined;
  concurrency: number;
  createsShareDisks: boolean;
  rate: number | undefined;
  timeoutMs: number;
  maxCreates: number | undefined;
  maxConsecutiveTransportFailures: number;
  snapshotWait: SnapshotWait;
}

const usage = (field: string, message: string, got: unknown): ToolError =>
  new ToolError('E_USAGE', `invalid option ${field}: ${message}, got ${JSON.stringify(got) ?? String(got)}`);

function integer(field: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw usage(field, min === 0 ? 'expected an integer >= 0' : `expected an integer >= ${min}`, value);
  }
  return value;
}

function optionalInteger(field: string, value: unknown, min: number, fallback: number): number;
function optionalInteger(field: string, value: unknown, min: number, fallback?: number): number | undefined;
function optionalInteger(field: string, value: unknown, min: number, fallback?: number): number | undefined {
  return value === undefined ? fallback : integer(field, value, min);
}

function flag(field: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw usage(field, 'expected true or false', value);
  return value === true;
}

function object(field: string, value: unknown, has: string): void {
  if (typeof value !== 'object' || value === null || !(has in value)) {
    throw usage(field, `expected a loaded ${field} (with ${has})`, typeof value);
  }
}

const VARIANT_CHOICES: Record<keyof TransportVariant, readonly string[]> = {
  signature: ['v2', 'v3'],
  method: ['POST', 'GET'],
  body: ['form', 'query'],
  format: ['JSON', 'XML'],
};

function transports(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0)
    throw usage('transports', 'expected at least one transport variant', value);
  value.forEach((variant: unknown, index) => {
    for (const [key, choices] of Object.entries(VARIANT_CHOICES)) {
      const got = (variant as Record<string, unknown> | null)?.[key];
      if (!choices.includes(got as string)) {
        throw usage(`transports[${index}].${key}`, `expected one of ${choices.join(', ')}`, got);
      }
    }
  });
}

function only(value: unknown, catalogue: Catalogue): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0)
    throw usage('only', 'expected a non-empty list of rule ids or families', value);
  const known = new Set<string>(catalogue.rules.flatMap((rule) => [rule.id, rule.family]));
  for (const entry of value) {
    if (typeof entry !== 'string' || !known.has(entry))
      throw usage('only', 'expected a rule id or a family of the catalogue', entry);
  }
  return value as string[];
}

/** Every option checked before anything is sent; each message names its field. */
export function resolveRunOptions(options: RunOptions): ResolvedRunOptions {
  if (typeof options !== 'object' || options === null) throw usage('options', 'expected an object', options);
  const targetUrl = parseTarget(options.target);
  object('world', options.world, 'accounts');
  object('catalogue', options.catalogue, 'rules');
  object('profile', options.profile, 'limits');
  integer('seed', options.seed, Number.MIN_SAFE_INTEGER);
  integer('runs', options.runs, 0);
  transports(options.transports);
  const rate = options.rate;
  if (rate !== undefined && (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0)) {
    throw usage('rate', 'expected a number of requests per second > 0', rate);
  }
  for (const field of ['journalFile', 'worldFile'] as const) {
    const value = options[field];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw usage(field, 'expected a file path', value);
  }
  const client = options.client;
  if (
    client !== undefined &&
    (typeof client !== 'object' || client === null || typeof client.send !== 'function')
  ) {
    throw usage('client', 'expected a Client (send, call, close)', typeof client);
  }
  for (const field of ['onEvent', 'credentials', 'generate'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'function')
      throw usage(field, 'expected a function', typeof options[field]);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw usage('signal', 'expected an AbortSignal', typeof options.signal);
  checkDifferential(options);
  const wait = options.snapshotWait ?? {};
  return {
    ...options,
    targetUrl,
    only: only(options.only, options.catalogue),
    concurrency: optionalInteger('concurrency', options.concurrency, 1, 8),
    createsShareDisks: flag('createsShareDisks', options.createsShareDisks),
    rate,
    timeoutMs: optionalInteger('timeoutMs', options.timeoutMs, 1, 30_000),
    maxCreates: optionalInteger('maxCreates', options.maxCreates, 0),
    maxConsecutiveTransportFailures: optionalInteger(
      'maxConsecutiveTransportFailures',
      options.maxConsecutiveTransportFailures,
      1,
      5,
    ),
    snapshotWait: {
      timeoutMs: optionalInteger('snapshotWait.timeoutMs', wait.timeoutMs, 0, 300_000),
      intervalMs: optionalInteger('snapshotWait.intervalMs', wait.intervalMs, 0, 2_000),
    },
  };
}

function checkDifferential(options: RunOptions): void {
  const reference = options.reference;
  if (reference !== undefined) {
    if (typeof reference !== 'object' || reference === null)
      throw usage('reference', 'expected { target } or { cassette }', reference);
    if ('cassette' in reference) {
      if (typeof reference.cassette !== 'string' || reference.cassette === '')
        throw usage('reference.cassette', 'expected a directory', reference.cassette);
    } else parseTarget(reference.target);
  }
  const record = options.record;
  if (record !== undefined && (typeof record?.dir !== 'string' || record.dir === ''))
    throw usage('record.dir', 'expected a directory', record?.dir);
}
