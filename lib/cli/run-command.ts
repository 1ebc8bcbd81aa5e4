import { loadConfigFile } from './config-file.js';
import { dryRun } from './dry-run.js';
import { executeRun } from './execute-run.js';
import { type Io, println } from './io.js';
import { prepareRun } from './prepare.js';
import { type CliFlags, resolveRunSettings } from './resolve-settings.js';
import { finishRun } from './run-outcome.js';
import { describeKeys, signingKeys } from './signing-keys.js';
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
      describeKeys(keys, prepared.world.accounts[0]?.id),
  );
  const executed = await executeRun(prepared, io, startedAt, keys);
  return finishRun(executed, io, {
    ...(prepared.baseline && { baseline: prepared.baseline }),
    ...(settings.shard && { shard: `${settings.shard.index}/${settings.shard.count}` }),
    extraFiles: vitestOutputs(settings.reportDir, settings.shard),
  });
}
