import { resolve } from 'node:path';
import { CREDENTIALS_MODES } from '../client/index.js';
import { ToolError } from '../errors.js';
import { type ConfigFile, configDir } from './config-file.js';
import {
  flagFor,
  type ReferenceSetting,
  RUN_DEFAULTS,
  type RunSettings,
  type SettingKey,
  type Shard,
} from './run-settings.js';

/** What commander hands over: strings, and booleans for flags. */
export type CliFlags = Partial<Record<SettingKey, string | boolean | string[]>>;

interface Picked {
  value: unknown;
  /** Names the option in messages: `--seed`, or `seed (ecs-conformance.config.yaml)`. */
  label: string;
  /** Folder that relative paths are relative to. */
  base: string;
}

/**
 * Merges the command line over the configuration file over the defaults, and validates every value
 * before anything is sent; each message names the option (or the file and setting) at fault.
 */
export function resolveRunSettings(cli: CliFlags, config: ConfigFile | undefined, cwd: string): RunSettings {
  const pick = (key: SettingKey): Picked | undefined => {
    if (cli[key] !== undefined) return { value: cli[key], label: flagFor(key), base: cwd };
    if (config?.values[key] !== undefined) {
      return { value: config.values[key], label: `${key} (${config.file})`, base: configDir(config) };
    }
    return undefined;
  };
  const target = optional(pick('target'), targetUrl);
  const external = target !== undefined;
  const settings: RunSettings = {
    seed: optional(pick('seed'), integerIn(0, 2 ** 31 - 1)) ?? RUN_DEFAULTS.seed,
    runs: optional(pick('runs'), integerIn(1, 1_000_000)) ?? RUN_DEFAULTS.runs,
    reportDir: optional(pick('reportDir'), path) ?? resolve(cwd, RUN_DEFAULTS.reportDir),
    concurrency:
      optional(pick('concurrency'), integerIn(1, 1024)) ??
      (external ? RUN_DEFAULTS.concurrency : RUN_DEFAULTS.embeddedConcurrency),
    timeoutMs: optional(pick('timeout'), integerIn(1, 3_600_000)) ?? RUN_DEFAULTS.timeoutMs,
    maxTransportFailures:
      optional(pick('maxTransportFailures'), integerIn(1, 1_000_000)) ?? RUN_DEFAULTS.maxTransportFailures,
    dryRun: optional(pick('dryRun'), boolean) ?? false,
    credentials: optional(pick('credentials'), oneOf(CREDENTIALS_MODES)) ?? 'auto',
  };
  const rate = optional(pick('rate'), nonNegativeNumber) ?? (external ? RUN_DEFAULTS.external.rate : 0);
  if (rate > 0) settings.rate = rate;
  const maxCreates = optional(pick('maxCreates'), integerIn(0, 1_000_000));
  if (maxCreates !== undefined) settings.maxCreates = maxCreates;
  else if (external) settings.maxCreates = RUN_DEFAULTS.external.maxCreates;
  assign(settings, 'target', target);
  assign(settings, 'world', optional(pick('world'), path));
  assign(settings, 'profile', optional(pick('profile'), profileRef));
  assign(settings, 'openapi', optional(pick('openapi'), path));
  assign(settings, 'only', optional(pick('only'), ruleList));
  assign(settings, 'baseline', optional(pick('baseline'), path));
  assign(settings, 'shard', optional(pick('shard'), shard));
  assign(settings, 'signature', optional(pick('signature'), oneOf(['v2', 'v3'] as const)));
  assign(settings, 'method', optional(pick('method'), oneOf(['POST', 'GET'] as const)));
  assign(settings, 'format', optional(pick('format'), oneOf(['JSON', 'XML'] as const)));
  assign(settings, 'reference', optional(pick('reference'), referenceSetting));
  assign(settings, 'record', optional(pick('record'), path));
  return settings;
}

function assign<K extends keyof RunSettings>(
  settings: RunSettings,
  key: K,
  value: RunSettings[K] | undefined,
) {
  if (value !== undefined) settings[key] = value;
}

type Parser<T> = (picked: Picked) => T;

const optional = <T>(picked: Picked | undefined, parse: Parser<T>): T | undefined =>
  picked === undefined ? undefined : parse(picked);

const usage = (picked: Picked, expectation: string): ToolError =>
  new ToolError('E_USAGE', `${picked.label} ${expectation} (got ${JSON.stringify(picked.value)})`);

const integerIn =
  (min: number, max: number): Parser<number> =>
  (picked) => {
    const text = String(picked.value).trim();
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw usage(picked, `must be an integer from ${min} to ${max}`);
    }
    return value;
  };

const nonNegativeNumber: Parser<number> = (picked) => {
  const text = String(picked.value).trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) throw usage(picked, 'must be a number, 0 or more');
  return value;
};

const boolean: Parser<boolean> = (picked) => {
  if (typeof picked.value === 'boolean') return picked.value;
  throw usage(picked, 'must be true or false');
};

const nonEmptyString: Parser<string> = (picked) => {
  if (typeof picked.value !== 'string' || picked.value.trim() === '')
    throw usage(picked, 'must not be empty');
  return picked.value;
};

const path: Parser<string> = (picked) => resolve(picked.base, nonEmptyString(picked));

/** A shipped profile's name as it is, or a profile file (anything that looks like a path) made absolute. */
const profileRef: Parser<string> = (picked) => {
  const value = nonEmptyString(picked);
  return /[/\\]|\.(ya?ml|json)$/.test(value) ? resolve(picked.base, value) : value;
};

const oneOf =
  <T extends string>(allowed: readonly T[]): Parser<T> =>
  (picked) => {
    const match = allowed.find((candidate) => candidate.toLowerCase() === String(picked.value).toLowerCase());
    if (match === undefined) throw usage(picked, `must be one of ${allowed.join(', ')}`);
    return match;
  };

const ruleList: Parser<string[]> = (picked) => {
  const parts = (Array.isArray(picked.value) ? picked.value : [picked.value])
    .flatMap((item) => String(item).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (parts.length === 0) throw usage(picked, 'must list at least one rule id or family');
  const bad = parts.find((item) => !/^[A-Za-z0-9_.*-]+$/.test(item));
  if (bad !== undefined)
    throw usage(picked, `has an entry that is not a rule id, family or prefix.* pattern: '${bad}'`);
  return parts;
};

const shard: Parser<Shard> = (picked) => {
  const match = /^(\d+)\/(\d+)$/.exec(String(picked.value).trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw usage(picked, 'must be I/N with 1 <= I <= N, e.g. 2/3');
  }
  return { index, count };
};

/** `URL`, `embedded`, or `cassette:DIR` (relative to where the option was given). */
const referenceSetting: Parser<ReferenceSetting> = (picked) => {
  const text = nonEmptyString(picked).trim();
  if (text === 'embedded') return { kind: 'embedded' };
  if (text.startsWith('cassette:')) {
    const dir = text.slice('cassette:'.length);
    if (dir === '') throw usage(picked, 'must name a directory after cassette:');
    return { kind: 'cassette', dir: resolve(picked.base, dir) };
  }
  return { kind: 'live', url: targetUrl(picked) };
};

const targetUrl: Parser<string> = (picked) => {
  const text = nonEmptyString(picked).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ToolError('E_TARGET_URL', `${picked.label} is not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolError(
      'E_TARGET_URL',
      `${picked.label} must be an http:// or https:// URL (got ${url.protocol})`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new ToolError(
      'E_TARGET_URL',
      `${picked.label} must not carry credentials; use the environment variables`,
    );
  }
  return text;
};
