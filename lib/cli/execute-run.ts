import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vitest } from 'vitest/node';
import { startEmulator } from '../../emulator/index.js';
import type { ReporterOutcome, RunInfo, SuiteRunOptions } from '../../suites/support/run-contract.js';
import { shownText } from '../shown-text.js';
import { applyProfile } from '../spec/load.js';
import { sweepJournal } from './cleanup.js';
import { IDEMPOTENT_PROCESSING_MS } from './emulator-timing.js';
import { Interrupt } from './interrupt.js';
import { type Io, println } from './io.js';
import { packageVersion } from './package-root.js';
import { assertReachable } from './preflight.js';
import type { PreparedRun } from './prepare.js';
import { referenceWorkerEnv } from './reference-keys.js';
import { createsShareDisks } from './run-settings.js';
import type { SigningKeys } from './signing-keys.js';
import { openGroups } from './sweeper.js';
import { runSuites } from './vitest-run.js';

export interface ExecutedRun {
  outcome?: ReporterOutcome;
  interrupted?: string;
  /** Groups still there after the final sweep. */
  leftBehind: string[];
}

/** Starts the target (or checks it listens), runs the suites, and sweeps whatever they left behind. */
export async function executeRun(
  prepared: PreparedRun,
  io: Io,
  startedAt: number,
  keys: SigningKeys,
  /** The keys that sign on a live reference (see referenceKeys). */
  refKeys?: SigningKeys,
): Promise<ExecutedRun> {
  const { settings } = prepared;
  mkdirSync(settings.reportDir, { recursive: true });
  const shardTag = settings.shard ? `-${settings.shard.index}-${settings.shard.count}` : '';
  const journalFile = join(settings.reportDir, `journal${shardTag}.jsonl`);
  const cancelFile = join(settings.reportDir, `.cancel${shardTag}`);
  warnAboutPreviousJournal(journalFile, io);
  writeFileSync(journalFile, '');
  if (!settings.shard) rmSync(join(settings.reportDir, 'allure-results'), { recursive: true, force: true });

  const emulator =
    settings.target === undefined
      ? await startEmulator({
          world: prepared.world,
          limits: prepared.profile.limits,
          host: '127.0.0.1',
          port: 0,
          idempotentProcessingMs: IDEMPOTENT_PROCESSING_MS,
        })
      : undefined;
  const targetUrl = emulator?.url ?? (settings.target as string);
  const reference = await startReference(
    prepared,
    join(settings.reportDir, `journal-reference${shardTag}.jsonl`),
  );
  const sweepTarget = () =>
    sweepJournal({
      journalFile,
      target: targetUrl,
      world: prepared.world,
      env: keys.env,
      timeoutMs: settings.timeoutMs,
    });
  // A live reference's groups are deleted there, with its own keys.
  const sweepNow = async () => {
    const live = reference?.suite;
    const left = await sweepTarget();
    if (live === undefined || !('url' in live)) return left;
    const there = await sweepJournal({
      journalFile: live.journalFile,
      target: live.url,
      world: prepared.world,
      env: refKeys?.env ?? {},
      timeoutMs: settings.timeoutMs,
    });
    return [...left, ...there.map((id) => `${id} (on the reference)`)];
  };
  const interrupt = new Interrupt(io, cancelFile);
  let vitest: Vitest | undefined;
  let swept: string[] | undefined;
  try {
    if (settings.target !== undefined)
      await assertReachable(settings.target, Math.min(settings.timeoutMs, 5_000));
    if (settings.reference?.kind === 'live')
      await assertReachable(settings.reference.url, Math.min(settings.timeoutMs, 5_000));
    const suiteOptions = {
      ...suiteOptionsFor(prepared, targetUrl, emulator !== undefined, journalFile, cancelFile),
      ...(reference !== undefined && { reference: reference.suite }),
      ...(settings.record !== undefined && { record: settings.record }),
      toolVersion: packageVersion(prepared.root),
    };
    const outcome = await Promise.race([
      runSuites({
        root: prepared.root,
        reportDir: settings.reportDir,
        suiteOptions,
        workerEnv: { ...keys.workerEnv, ...referenceWorkerEnv(refKeys) },
        families: prepared.families,
        ...(settings.shard && { shard: settings.shard }),
        reporter: {
          version: packageVersion(prepared.root),
          startupMs: Math.round(performance.now() - startedAt),
          // From the process's start: Node's own start-up and loading the CLI are start-up too.
          startedAtMs: performance.timeOrigin,
          fallbackRun: fallbackRun(prepared, suiteOptions),
          // Profiled, so that a rule reported only here shows the titles and expectations the suites did.
          loadCatalogue: () => ({
            ...prepared.catalogue,
            rules: applyProfile(prepared.catalogue, prepared.profile),
          }),
          finalize: async () => {
            swept = await sweepNow();
            return swept;
          },
        },
        onStart: (started) => {
          vitest = started;
          interrupt.attach(started);
        },
      }),
      interrupt.forced,
    ]);
    // Stopped waiting (a second Ctrl-C): nothing is in flight any more, the worker can go.
    if (outcome === undefined) await vitest?.close().catch(() => undefined);
    // The reporter swept before it wrote: once that left nothing, nothing can be left now (the worker's
    // last deletes only shorten the journal's list), and a large run's journal is not read again.
    const leftBehind = swept?.length === 0 ? swept : await sweepNow();
    const interrupted = interrupt.received;
    return { ...(outcome && { outcome }), ...(interrupted && { interrupted }), leftBehind };
  } finally {
    interrupt.dispose();
    await emulator?.close();
    await reference?.close();
  }
}

/**
 * The reference as the suites get it: a live endpoint (a second embedded emulator is started here,
 * with the same world) with its own journal, or a cassette directory.
 */
async function startReference(
  prepared: PreparedRun,
  journalFile: string,
): Promise<{ suite: NonNullable<SuiteRunOptions['reference']>; close: () => Promise<void> } | undefined> {
  const reference = prepared.settings.reference;
  if (reference === undefined) return undefined;
  if (reference.kind === 'cassette')
    return { suite: { label: `cassette:${reference.dir}`, cassette: reference.dir }, close: async () => {} };
  writeFileSync(journalFile, '');
  if (reference.kind === 'live')
    return { suite: { label: reference.url, url: reference.url, journalFile }, close: async () => {} };
  const embedded = await startEmulator({
    world: prepared.world,
    limits: prepared.profile.limits,
    host: '127.0.0.1',
    port: 0,
    idempotentProcessingMs: IDEMPOTENT_PROCESSING_MS,
  });
  return { suite: { label: 'embedded', url: embedded.url, journalFile }, close: () => embedded.close() };
}

function suiteOptionsFor(
  prepared: PreparedRun,
  targetUrl: string,
  embedded: boolean,
  journalFile: string,
  cancelFile: string,
): SuiteRunOptions {
  const { settings } = prepared;
  return {
    targetUrl,
    embedded,
    worldFile: prepared.worldFile,
    ...(settings.profile !== undefined && { profile: settings.profile }),
    ...(settings.openapi !== undefined && { openapi: settings.openapi }),
    seed: settings.seed,
    runs: settings.runs,
    transports: prepared.transports,
    ...(prepared.only && { only: prepared.only }),
    families: prepared.families,
    concurrency: settings.concurrency,
    createsShareDisks: createsShareDisks(settings),
    ...(settings.rate !== undefined && { rate: settings.rate }),
    timeoutMs: settings.timeoutMs,
    ...(settings.maxCreates !== undefined && { maxCreates: settings.maxCreates }),
    maxTransportFailures: settings.maxTransportFailures,
    journalFile,
    cancelFile,
    reportDir: settings.reportDir,
    // Always: the CLI shows a status line on a terminal, and a progress line a minute elsewhere.
    progress: true,
  };
}

function fallbackRun(prepared: PreparedRun, options: SuiteRunOptions): RunInfo {
  return {
    target: { url: options.targetUrl, embedded: options.embedded },
    world: { name: prepared.world.name, file: prepared.worldFile },
    profile: prepared.profile.name,
    seed: options.seed,
    runs: options.runs,
    transports: options.transports,
    startedAt: new Date().toISOString(),
  };
}

function warnAboutPreviousJournal(journalFile: string, io: Io): void {
  if (!existsSync(journalFile)) return;
  const open = openGroups(journalFile);
  if (open.length === 0) return;
  const kept = `${journalFile}.${Date.now()}.previous`;
  renameSync(journalFile, kept);
  // Group ids the target returned: each on one line, bounded.
  const ids = open.map((g) => shownText(g.id)).join(', ');
  println(
    io.stderr,
    `warning: a previous run left ${open.length} group(s) behind (${ids}); journal kept as ${kept}`,
  );
}
