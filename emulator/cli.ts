import type { EventEmitter } from 'node:events';
import type { Limits } from '../lib/spec/catalogue.js';
import { loadWorld } from '../lib/spec/load.js';
import type { World } from '../lib/spec/world.js';
import { startEmulator } from './server.js';

export interface CliEmulatorOptions {
  /** Default 8080. */
  port?: number;
  host?: string;
  /** A world manifest; default: the shipped fixtures/default.world.yaml. Ignored when `world` is given. */
  worldFile?: string;
  world?: World;
  limits?: Limits;
  snapshotDurationMs?: number;
  idempotentProcessingMs?: number;
  /** Where the banner goes; default stdout. */
  print?: (line: string) => void;
  /** Where SIGINT / SIGTERM come from; default the process. */
  signals?: Pick<EventEmitter, 'on' | 'off'>;
}

/**
 * Serves the emulator until SIGINT or SIGTERM. Prints the URL and the world's access key ids, never
 * their secrets.
 */
export const runEmulatorFromCli = async (options: CliEmulatorOptions = {}): Promise<void> => {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const signals = options.signals ?? process;
  const world = options.world ?? loadWorld(options.worldFile);
  const emulator = await startEmulator({
    world,
    port: options.port ?? 8080,
    ...(options.host !== undefined && { host: options.host }),
    ...(options.limits !== undefined && { limits: options.limits }),
    ...(options.snapshotDurationMs !== undefined && { snapshotDurationMs: options.snapshotDurationMs }),
    ...(options.idempotentProcessingMs !== undefined && {
      idempotentProcessingMs: options.idempotentProcessingMs,
    }),
  });
  print(`ecs-conformance emulator listening on ${emulator.url} (world ${world.name})`);
  for (const account of world.accounts) print(`  account ${account.id}: AccessKeyId ${account.accessKeyId}`);
  const signal = await new Promise<string>((resolve) => {
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    const stop = (name: string) => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
      resolve(name);
    };
    signals.on('SIGINT', onInt);
    signals.on('SIGTERM', onTerm);
  });
  await emulator.close();
  print(`emulator stopped (${signal})`);
};
