import { openCassette } from '../runner/cassette-reader.js';
import { loadConfigFile } from './config-file.js';
import { dryRun } from './dry-run.js';
import { executeRun } from './execute-run.js';
import { type Io, println } from './io.js';
import { prepareRun } from './prepare.js';
import { referenceKeys } from './reference-keys.js';
import { type CliFlags, resolveRunSettings } from './resolve-settings.js';
import { finishRun } from './run-outcome.js';
import type { RunSettings } from './run-settings.js';
import { describeKeys, type SigningKeys, signingKeys } from './signing-keys.js';
import { vitestOutputs } from './vitest-run.js';

/** `run`: everything is validated and loaded before the first request; then the suites run. */
export async function runCommand(flags: Record<string, unknown>, io: Io): Promise<number> {
  const startedAt = performance.now();
  const { config: configFlag, ...cli } = flags;
  const config = loadConfigFile(typeof configFlag === 'string' ? configFlag : undefined, io.cwd);
  const settings = resolveRunSettings(cli as CliFlags, config, io.cwd);
  const prepared = await prepareRun(settings);
  const keys = await signingKeys({ target: settings.target, env: io.env, mode: settings.credentials });
  if (keys.warning) println(io.stderr, keys.warning);
  const refKeys = await referenceKeys(settings, io.env);
  if (refKeys?.warning) println(io.stderr, `reference: ${refKeys.warning}`);
  // A cassette recorded for other cases is refused before anything is sent.
  if (settings.reference?.kind === 'cassette')
    openCassette(settings.reference.dir, {
      world: prepared.world,
      seed: settings.seed,
      profile: prepared.profile.name,
    });
  if (settings.dryRun) return dryRun(prepared, io, keys.env);
  const where = settings.target ?? 'the embedded emulator';
  const only = prepared.only ? `, ${prepared.only.length} rules` : '';
  // A real endpoint's owner wants to see the load before it starts; the embedded emulator has no cap.
  const rate =
    settings.target === undefined
      ? ''
      : `, ${settings.rate ? `at most ${settings.rate} requests/s` : 'no rate cap'}`;
  println(
    io.stderr,
    `ecs-conformance: testing ${where} with seed ${settings.seed}, ${settings.runs} runs per rule${only}${rate}; ` +
      describeKeys(keys, prepared.world.accounts[0]?.id) +
      referenceLine(settings, refKeys, prepared.world.accounts[0]?.id),
  );
  const executed = await executeRun(prepared, io, startedAt, keys, refKeys);
  return finishRun(executed, io, {
    ...(prepared.baseline && { baseline: prepared.baseline }),
    ...(settings.shard && { shard: `${settings.shard.index}/${settings.shard.count}` }),
    extraFiles: vitestOutputs(settings.reportDir, settings.shard),
  });
}

/** The first line's word on the reference of a differential run, and on a cassette being recorded. */
function referenceLine(
  settings: RunSettings,
  keys: SigningKeys | undefined,
  firstAccount: string | undefined,
): string {
  const reference = settings.reference;
  const record = settings.record === undefined ? '' : `; recording a cassette in ${settings.record}`;
  if (reference === undefined) return record;
  if (reference.kind === 'cassette') return `; against the cassette ${reference.dir}${record}`;
  const where = reference.kind === 'embedded' ? 'a second embedded emulator' : reference.url;
  return `; reference ${where}: ${keys === undefined ? '' : describeKeys(keys, firstAccount)}${record}`;
}
