import { ToolError } from '../lib/errors.js';
import type { Limits } from '../lib/spec/catalogue.js';
import type { World } from '../lib/spec/world.js';
import { type EmulatorSeams, resolveSeams } from './seams.js';

/** The published page's limits: DiskId.N with N 1..16, 16 disks, 32 TiB, 20 tags. */
export const PAGE_LIMITS: Readonly<Limits> = Object.freeze({
  maxDisks: 16,
  maxDiskIndex: 16,
  maxTotalSizeGiB: 32768,
  maxTags: 20,
});

export interface EmulatorOptions {
  world: World;
  limits?: Limits;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Milliseconds since the epoch; default Date.now. */
  clock?: () => number;
  /** How long a group's snapshots progress; default 0 (instant). */
  snapshotDurationMs?: number;
  /** How long a create holds its ClientToken as "processing" before answering; default 0. */
  idempotentProcessingMs?: number;
  /** `HostId` of error bodies; default ecs.aliyuncs.com. */
  hostId?: string;
  /** Largest body read; default 1 MiB. */
  maxBodyBytes?: number;
  /** Largest request line plus headers; default 32 KiB. */
  maxHeaderBytes?: number;
  /** Time allowed to receive a whole request; default 30 s. */
  requestTimeoutMs?: number;
  /** Time allowed to receive the headers; default 10 s (at most requestTimeoutMs). */
  headersTimeoutMs?: number;
  seams?: Partial<EmulatorSeams>;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'seams'>> & { seams: EmulatorSeams };

const nonNegative = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value < 0) {
    throw new ToolError('E_CONFIG', `emulator option ${name} must be a non-negative number, got ${value}`);
  }
  return value;
};

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1) {
    throw new ToolError('E_CONFIG', `emulator option ${name} must be a positive integer, got ${value}`);
  }
  return value;
};

/** Defaults resolved in one place, every field validated up front with a message naming it. */
export const resolveOptions = (options: EmulatorOptions): ResolvedOptions => {
  if (!options.world || !Array.isArray(options.world.accounts)) {
    throw new ToolError(
      'E_CONFIG',
      'emulator option world must be a World (accounts, regions, instances, disks)',
    );
  }
  const limits = options.limits ?? PAGE_LIMITS;
  for (const key of ['maxDisks', 'maxDiskIndex', 'maxTotalSizeGiB', 'maxTags'] as const) {
    positiveInteger(`limits.${key}`, limits[key]);
  }
  const requestTimeoutMs = positiveInteger('requestTimeoutMs', options.requestTimeoutMs ?? 30_000);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ToolError('E_CONFIG', `emulator option port must be an integer from 0 to 65535, got ${port}`);
  }
  return {
    world: options.world,
    limits,
    host: options.host ?? '127.0.0.1',
    port,
    clock: options.clock ?? Date.now,
    snapshotDurationMs: nonNegative('snapshotDurationMs', options.snapshotDurationMs ?? 0),
    idempotentProcessingMs: nonNegative('idempotentProcessingMs', options.idempotentProcessingMs ?? 0),
    hostId: options.hostId ?? 'ecs.aliyuncs.com',
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes ?? 1024 * 1024),
    maxHeaderBytes: positiveInteger('maxHeaderBytes', options.maxHeaderBytes ?? 32 * 1024),
    requestTimeoutMs,
    headersTimeoutMs: Math.min(
      positiveInteger('headersTimeoutMs', options.headersTimeoutMs ?? 10_000),
      requestTimeoutMs,
    ),
    seams: resolveSeams(options.seams),
  };
};
