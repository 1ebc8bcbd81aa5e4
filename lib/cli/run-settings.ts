import type { CredentialsMode } from '../client/index.js';

/** The settings of one `run`, after merging the command line, the configuration file and the defaults. */
export interface Shard {
  index: number;
  count: number;
}

/** `--reference`: the other side of a differential run. */
export type ReferenceSetting =
  | { kind: 'live'; url: string }
  /** A second embedded emulator (two identical emulators: a self-check, and the cost benchmark). */
  | { kind: 'embedded' }
  /** Absolute path of a cassette directory. */
  | { kind: 'cassette'; dir: string };

export interface RunSettings {
  /** Undefined: start the embedded emulator. */
  target?: string;
  /** Absolute path of the world manifest; undefined: the packaged default world. */
  world?: string;
  profile?: string;
  /** Absolute path of an OpenAPI description of CreateSnapshotGroup to read the request's limits from. */
  openapi?: string;
  seed: number;
  runs: number;
  /** Rule ids, family names or `prefix.*` patterns, expanded against the catalogue later. */
  only?: string[];
  reportDir: string;
  baseline?: string;
  shard?: Shard;
  signature?: 'v2' | 'v3';
  method?: 'POST' | 'GET';
  format?: 'JSON' | 'XML';
  concurrency: number;
  /** Requests per second; undefined: no cap. */
  rate?: number;
  timeoutMs: number;
  /** Undefined: no budget. */
  maxCreates?: number;
  maxTransportFailures: number;
  dryRun: boolean;
  /** Where the first account's keys may come from (see signingKeys). */
  credentials: CredentialsMode;
  /** A differential run: every case also goes to this reference. */
  reference?: ReferenceSetting;
  /** Absolute path of the directory a cassette of this run is written to. */
  record?: string;
}

/** Defaults resolved in one place. External targets may be real, billed accounts: bounded by default. */
export const RUN_DEFAULTS = {
  seed: 1,
  runs: 3,
  reportDir: 'reports',
  /** With --target: a real endpoint, or someone else's emulator. */
  concurrency: 8,
  /** The embedded emulator, in this process: more cases in flight keep it busy. */
  embeddedConcurrency: 32,
  timeoutMs: 10_000,
  maxTransportFailures: 5,
  // The support family makes two or three groups per case: a default run (seed 7, --runs 3) fits in 130, not 100.
  external: { rate: 20, maxCreates: 150 },
} as const;

/** Keys a configuration file may set; the same names as the options, camel-cased. */
export const SETTING_KEYS = [
  'target',
  'world',
  'profile',
  'openapi',
  'seed',
  'runs',
  'only',
  'reportDir',
  'baseline',
  'shard',
  'signature',
  'method',
  'format',
  'concurrency',
  'rate',
  'timeout',
  'maxCreates',
  'maxTransportFailures',
  'dryRun',
  'credentials',
  'reference',
  'record',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** `reportDir` → `--report-dir`. */
export const flagFor = (key: SettingKey): string =>
  `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Whether creates on one disk may overlap (RunOptions.createsShareDisks): only when every target of the
 * run is an emulator this process starts, which finishes each snapshot before it answers. Someone
 * else's endpoint, or a live reference, may still be creating when it answers.
 */
export const createsShareDisks = (settings: Pick<RunSettings, 'target' | 'reference'>): boolean =>
  settings.target === undefined && settings.reference?.kind !== 'live';
