import { resolve } from 'node:path';
import { runEmulatorFromCli } from '../../emulator/index.js';
import { ToolError } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import { IDEMPOTENT_PROCESSING_MS } from './emulator-timing.js';
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
  const idempotentProcessingMs =
    integerOption('--idempotent-processing-ms', flags.idempotentProcessingMs, 0, 60_000) ??
    IDEMPOTENT_PROCESSING_MS;
  const host = typeof flags.host === 'string' && flags.host !== '' ? flags.host : '127.0.0.1';
  const worldFile = typeof flags.world === 'string' ? resolve(io.cwd, flags.world) : defaultWorldFile();
  const spec = await loadSpec({
    world: worldFile,
    ...(typeof flags.profile === 'string' && { profile: flags.profile }),
  });
  await runEmulatorFromCli({
    world: spec.world,
    limits: spec.profile.limits,
    port,
    host,
    ...(snapshotDurationMs !== undefined && { snapshotDurationMs }),
    idempotentProcessingMs,
    print: (line) => println(io.stdout, line),
    signals: io.signals,
  });
  return 0;
}
