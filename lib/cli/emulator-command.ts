import { resolve } from 'node:path';
import { startEmulator } from '../../emulator/index.js';
import { ToolError } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import { type Io, println } from './io.js';
import { defaultWorldFile } from './prepare.js';

const integerOption = (flag: string, value: unknown, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const parsed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ToolError(
      'E_USAGE',
      `${flag} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`,
    );
  }
  return parsed;
};

/** `emulator`: serves the reference emulator until SIGINT or SIGTERM. */
export async function emulatorCommand(flags: Record<string, unknown>, io: Io): Promise<number> {
  const port = integerOption('--port', flags.port, 0, 65_535) ?? 8080;
  const snapshotDurationMs = integerOption('--snapshot-duration', flags.snapshotDuration, 0, 86_400_000);
  const host = typeof flags.host === 'string' && flags.host !== '' ? flags.host : '127.0.0.1';
  const worldFile = typeof flags.world === 'string' ? resolve(io.cwd, flags.world) : defaultWorldFile();
  const spec = await loadSpec({
    world: worldFile,
    ...(typeof flags.profile === 'string' && { profile: flags.profile }),
  });
  const emulator = await startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    port,
    host,
    ...(snapshotDurationMs !== undefined && { snapshotDurationMs }),
  });
  println(
    io.stdout,
    `emulator listening on ${emulator.url} (world ${spec.world.name}, profile ${spec.profile.name})`,
  );
  println(io.stdout, 'press Ctrl-C to stop');
  const signal = await new Promise<string>((done) => {
    const stop = (name: string) => () => {
      io.signals.off('SIGINT', onInt);
      io.signals.off('SIGTERM', onTerm);
      done(name);
    };
    const onInt = stop('SIGINT');
    const onTerm = stop('SIGTERM');
    io.signals.on('SIGINT', onInt);
    io.signals.on('SIGTERM', onTerm);
  });
  await emulator.close();
  println(io.stdout, `emulator stopped (${signal})`);
  return 0;
}
