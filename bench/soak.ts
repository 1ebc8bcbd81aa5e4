// Soak of the reference emulator: many concurrent clients mixing valid creates and deletes, invalid and
// protocol-negative requests (generated cases, signed with the client's wire builder) and unsigned junk.
// It must answer no 5xx, drop no connection, keep its heap flat after warm-up and keep its state whole.
// Usage: node dist/bench/soak.js [--seconds 60] [--concurrency 64]
import { realpathSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';
import { type RunningEmulator, startEmulator } from '../emulator/index.js';
import { groupStatus } from '../emulator/state/group.js';
import { generateCases } from '../generators/index.js';
import type { Case, CaseRequest } from '../lib/cases.js';
import { buildHttpRequest, credentialsForAccount, randomNonce } from '../lib/client/index.js';
import { loadSpec } from '../lib/spec/load.js';
import type { World } from '../lib/spec/world.js';

export interface SoakConstraints {
  /** Default 60. */
  seconds?: number;
  /** Requests in flight at once; default 64. */
  concurrency?: number;
  /** How long a created group stays in progress; default 300 (> 0: disks are really contended). */
  snapshotDurationMs?: number;
  /** Memory and state are sampled this often; default a twentieth of the run, 250 to 3000 ms. */
  sampleEveryMs?: number;
  /** Share of the run before the memory baseline is taken; default 0.25. */
  warmupShare?: number;
  /** Seed of the request mix and of the generated cases; default 1. */
  seed?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seconds: number;
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  /** The first 20 of each: 5xx answers; failed connections; uncaught exceptions and rejections. */
  serverErrors: string[];
  transportErrors: string[];
  crashes: string[];
  invariantChecks: number;
  invariantViolations: string[];
  /** Heap used after a full GC, MiB, one sample per interval. */
  memoryMiB: number[];
  /** The baseline (the first sample after warm-up), and the last sample over it. */
  warmIndex: number;
  memoryRatio: number;
  groups: { created: number; deleted: number; leftAtEnd: number };
}

const MAX_LISTED = 20;
const KINDS = ['lifecycle', 'case', 'describe', 'junk'] as const;
type Kind = (typeof KINDS)[number];
const WEIGHTS: Record<Kind, number> = { lifecycle: 35, case: 45, describe: 10, junk: 10 };
/** Unsigned requests [method, path]: refused before any signature check. */
const JUNK: ReadonlyArray<[string, string]> = [
  ['GET', '/'],
  ['PUT', '/?Action=CreateSnapshotGroup'],
  ['DELETE', '/?Action=DeleteSnapshotGroup&SnapshotGroupId=ssg-x'],
  ['GET', '/?Action=CreateSnapshotGroup&Version=2014-05-26&Signature=%ZZ'],
  ['POST', '/?Format=XML&Action=DescribeSnapshotGroups&AccessKeyId=nobody&Signature=x'],
  ['GET', `/?Name=${'%FF'.repeat(50)}`],
];

/** mulberry32: a small seeded PRNG, so that a seed replays the same mix. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A full GC when the flag can be set at run time; else undefined (raw heap samples are noisier). */
function gcFunction(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** The state invariants: quotas match the groups held; no disk is in two groups still in progress. */
export function stateViolations(emulator: RunningEmulator, world: World, nowMs: number): string[] {
  const problems: string[] = [];
  const held = new Map<string, number>();
  const progressingOn = new Map<string, string>();
  for (const group of emulator.state.allGroups()) {
    held.set(group.accountId, (held.get(group.accountId) ?? 0) + group.snapshots.length);
    if (groupStatus(group, nowMs) !== 'progressing') continue;
    for (const snapshot of group.snapshots) {
      const other = progressingOn.get(snapshot.diskId);
      if (other !== undefined)
        problems.push(`disk ${snapshot.diskId} is in two groups in progress: ${other} and ${group.id}`);
      progressingOn.set(snapshot.diskId, group.id);
    }
  }
  for (const account of world.accounts) {
    const counted = emulator.state.snapshotsHeld(account.id);
    const actual = held.get(account.id) ?? 0;
    if (counted !== actual)
      problems.push(`${account.id}: quota counts ${counted} snapshots held, its groups hold ${actual}`);
    if (actual > account.quotas.snapshots)
      problems.push(
        `${account.id}: holds ${actual} snapshots, over its quota of ${account.quotas.snapshots}`,
      );
  }
  return problems;
}

type Answer = { status: number; body: string };

/**
 * The request mix and what it saw. `next()` sends one item of the mix; every answer is counted, a 5xx or
 * a failed connection is noted, and every group a request created is deleted by the same loop.
 */
class LoadMix {
  requests = 0;
  readonly byKind: Record<string, number> = {};
  readonly byStatus: Record<string, number> = {};
  readonly serverErrors: string[] = [];
  readonly transportErrors: string[] = [];
  created = 0;
  deleted = 0;
  /** Created and not yet deleted: bounded, unlike a list of every group ever made. */
  readonly outstanding = new Set<string>();
  readonly #valid: Case[];
  readonly #others: Case[];
  readonly #total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);

  constructor(
    readonly emulator: RunningEmulator,
    readonly world: World,
    readonly pool: Pool,
    cases: readonly Case[],
    readonly random: () => number,
    readonly holdMs: number,
  ) {
    this.#valid = cases.filter((k) => k.expected.kind === 'success' && k.prelude === undefined);
    this.#others = cases.filter((k) => !this.#valid.includes(k));
  }

  async next(): Promise<void> {
    const kind = this.#kind();
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (kind === 'lifecycle') {
      const k = this.#pick(this.#valid);
      const answer = await this.#signed(kind, k.request);
      // A quarter are held while in progress, so that other loops try the same disks and must be refused.
      if (answer?.status === 200 && this.random() < 0.25)
        await new Promise((resolve) => setTimeout(resolve, this.random() * this.holdMs));
      await this.#deleteCreated(kind, k.request, answer);
    } else if (kind === 'case') {
      const k = this.#pick(this.#others);
      const requests = [...(k.prelude ?? []), k.request];
      const answers: Array<Answer | undefined> = [];
      if (k.concurrent) answers.push(...(await Promise.all(requests.map((req) => this.#signed(kind, req)))));
      else for (const req of requests) answers.push(await this.#signed(kind, req));
      for (const [i, answer] of answers.entries())
        await this.#deleteCreated(kind, requests[i] as CaseRequest, answer);
    } else if (kind === 'describe') {
      const signature = this.random() < 0.5 ? 'v2' : 'v3';
      await this.#signed(kind, {
        action: 'DescribeSnapshotGroups',
        params: [['RegionId', this.#pick(this.world.regions).id]],
        account: this.#pick(this.world.accounts).id,
        transport: { signature, method: 'POST', body: 'query', format: 'JSON' },
      });
    } else {
      const [method, path] = this.#pick(JUNK);
      await this.#send(kind, method, path, {}, '');
    }
  }

  #kind(): Kind {
    let roll = this.random() * this.#total;
    for (const kind of KINDS) {
      roll -= WEIGHTS[kind];
      if (roll < 0) return kind;
    }
    return 'junk';
  }

  #pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }

  #note(list: string[], line: string): void {
    if (list.length < MAX_LISTED) list.push(line);
  }

  async #send(kind: Kind, method: string, path: string, headers: Record<string, string>, body: string) {
    this.requests += 1;
    const what = `${kind} ${method} ${path.slice(0, 120)}`;
    try {
      const res = await this.pool.request({ method, path, headers, body: body === '' ? null : body });
      const text = await res.body.text();
      this.byStatus[res.statusCode] = (this.byStatus[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500)
        this.#note(this.serverErrors, `${what} → ${res.statusCode} ${text.slice(0, 200)}`);
      return { status: res.statusCode, body: text } satisfies Answer;
    } catch (error) {
      this.byStatus['transport-error'] = (this.byStatus['transport-error'] ?? 0) + 1;
      this.#note(this.transportErrors, `${what}: ${(error as Error).message}`);
      return undefined;
    }
  }

  #signed(kind: Kind, req: CaseRequest): Promise<Answer | undefined> {
    const target = new URL(this.emulator.url);
    const sent = buildHttpRequest(req, {
      target,
      credentials: credentialsForAccount(this.world, req.account, {}),
      now: new Date(),
      nonce: randomNonce(),
      apiVersion: '2014-05-26',
    });
    return this.#send(
      kind,
      sent.method,
      sent.url.slice(target.origin.length) || '/',
      sent.headers,
      sent.body,
    );
  }

  async #deleteCreated(kind: Kind, from: CaseRequest, answer: Answer | undefined): Promise<void> {
    const groupId = answer?.status === 200 ? /ssg-[A-Za-z0-9]+/.exec(answer.body)?.[0] : undefined;
    if (groupId === undefined) return;
    if (!this.outstanding.has(groupId)) {
      this.outstanding.add(groupId);
      this.created += 1;
    }
    const regionId = from.params.find(([name]) => name === 'RegionId')?.[1] ?? '';
    // Untampered, whatever the create carried (a reused nonce would make the delete fail).
    const { tamper: _tamper, ...untampered } = from;
    const deleted = await this.#signed(kind, {
      ...untampered,
      action: 'DeleteSnapshotGroup',
      params: [
        ['RegionId', regionId],
        ['SnapshotGroupId', groupId],
      ],
    });
    if (deleted?.status === 200 && this.outstanding.delete(groupId)) this.deleted += 1;
    // Not found: another loop got the same group (same ClientToken) and deleted it first. Were the
    // emulator wrong, the group would still be there, and the check at the end would name it.
    if (deleted?.status === 404) this.outstanding.delete(groupId);
  }
}

/** One soak: the emulator in this process, `concurrency` loops sending the mix until the time is up. */
export async function runSoak(c: SoakConstraints = {}): Promise<SoakReport> {
  const seconds = c.seconds ?? 60;
  const concurrency = c.concurrency ?? 64;
  const sampleEveryMs = c.sampleEveryMs ?? Math.min(3000, Math.max(250, (seconds * 1000) / 20));
  const log = c.log ?? (() => undefined);
  const spec = loadSpec();
  const { world } = spec;
  const { cases } = generateCases({ ...spec, seed: c.seed ?? 1, runs: 2 });
  const holdMs = c.snapshotDurationMs ?? 300;
  const emulator = await startEmulator({ world, limits: spec.profile.limits, snapshotDurationMs: holdMs });
  const pool = new Pool(emulator.url, {
    connections: concurrency,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const mix = new LoadMix(emulator, world, pool, cases, prng(c.seed ?? 1), holdMs);
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const gc = gcFunction();
  const memoryMiB: number[] = [];
  const violations: string[] = [];
  let checks = 0;
  const started = performance.now();
  const sample = () => {
    checks += 1;
    for (const v of stateViolations(emulator, world, Date.now()))
      if (violations.length < MAX_LISTED) violations.push(v);
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    memoryMiB.push(Math.round((heapUsed / 2 ** 20) * 10) / 10);
    const at = Math.round((performance.now() - started) / 1000);
    log(
      `  t=${at}s requests=${mix.requests} heap=${memoryMiB.at(-1)} MiB rss=${Math.round(rss / 2 ** 20)} MiB ` +
        `groups=${emulator.state.groupCount} nonces=${emulator.state.nonces.size}`,
    );
  };
  const deadline = started + seconds * 1000;
  const sampler = setInterval(sample, sampleEveryMs);
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) await mix.next();
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const elapsed = (performance.now() - started) / 1000;
  sample();
  // At the end, the emulator holds exactly the groups the soak created and did not delete.
  const remaining = [...emulator.state.allGroups()].map((group) => group.id);
  if (remaining.length !== mix.outstanding.size || remaining.some((id) => !mix.outstanding.has(id)))
    violations.push(
      `the emulator holds ${remaining.length} groups, the soak left ${mix.outstanding.size} undeleted`,
    );
  for (const id of remaining) emulator.state.removeGroup(id);
  for (const v of stateViolations(emulator, world, Date.now())) violations.push(`after clean-up: ${v}`);
  await pool.close();
  await emulator.close();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  const warmIndex = Math.min(memoryMiB.length - 1, Math.ceil(memoryMiB.length * (c.warmupShare ?? 0.25)));
  const baseline = memoryMiB[warmIndex] ?? 0;
  return {
    seconds,
    concurrency,
    requests: mix.requests,
    requestsPerSecond: Math.round(mix.requests / elapsed),
    byKind: mix.byKind,
    byStatus: mix.byStatus,
    serverErrors: mix.serverErrors,
    transportErrors: mix.transportErrors,
    crashes,
    invariantChecks: checks,
    invariantViolations: violations,
    memoryMiB,
    warmIndex,
    memoryRatio: baseline > 0 ? Math.round(((memoryMiB.at(-1) ?? 0) / baseline) * 100) / 100 : 0,
    groups: { created: mix.created, deleted: mix.deleted, leftAtEnd: remaining.length },
  };
}

/** What is wrong with a soak, one line each; [] when it held. */
export function soakProblems(report: SoakReport, options: { maxMemoryRatio?: number } = {}): string[] {
  const maxRatio = options.maxMemoryRatio ?? 1.5;
  const fivexx = Object.entries(report.byStatus)
    .filter(([status]) => /^5\d\d$/.test(status))
    .reduce((sum, [, n]) => sum + n, 0);
  const problems: string[] = [];
  if (fivexx > 0) problems.push(`${fivexx} answers were 5xx: ${report.serverErrors.join(' | ')}`);
  if (report.transportErrors.length > 0)
    problems.push(`connections failed: ${report.transportErrors.join(' | ')}`);
  if (report.crashes.length > 0) problems.push(`crashes: ${report.crashes.join(' | ')}`);
  if (report.invariantViolations.length > 0)
    problems.push(`state invariants broken: ${report.invariantViolations.join(' | ')}`);
  if (report.memoryRatio > maxRatio)
    problems.push(
      `heap grew ${report.memoryRatio}x after warm-up (limit ${maxRatio}x): ${report.memoryMiB.join(', ')} MiB`,
    );
  return problems;
}

function flag(argv: readonly string[], name: string, fallback: number): number {
  const value = argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main(argv: readonly string[]): Promise<number> {
  const seconds = flag(argv, '--seconds', 60);
  const concurrency = flag(argv, '--concurrency', 64);
  console.log(`soak: ${seconds} s at concurrency ${concurrency}`);
  const r = await runSoak({ seconds, concurrency, log: (line) => console.log(line) });
  const problems = soakProblems(r);
  const lines = [
    `requests: ${r.requests} (${r.requestsPerSecond}/s) by kind ${JSON.stringify(r.byKind)}`,
    `statuses: ${JSON.stringify(r.byStatus)}`,
    `groups: ${r.groups.created} created, ${r.groups.deleted} deleted, ${r.groups.leftAtEnd} left at the end`,
    `invariants: ${r.invariantChecks} checks, ${r.invariantViolations.length} violations`,
    `heap after GC (MiB): ${r.memoryMiB.join(', ')}`,
    `heap ratio last / after warm-up (sample ${r.warmIndex}): ${r.memoryRatio}`,
    ...problems.map((problem) => `PROBLEM: ${problem}`),
    problems.length === 0 ? 'soak: held' : 'soak: FAILED',
  ];
  console.log(lines.join('\n'));
  return problems.length === 0 ? 0 : 1;
}

const script = process.argv[1];
if (script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main(process.argv.slice(2));
}
