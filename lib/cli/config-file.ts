import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { ToolError } from '../errors.js';
import { packageRoot } from './package-root.js';
import type { SettingKey } from './run-settings.js';

export const CONFIG_FILE_NAMES = [
  'ecs-conformance.config.yaml',
  'ecs-conformance.config.yml',
  'ecs-conformance.config.json',
] as const;

export interface ConfigFile {
  file: string;
  values: Partial<Record<SettingKey, unknown>>;
}

/** `--config FILE` when given, else the first configuration file found in `cwd`, else none. */
export function loadConfigFile(explicit: string | undefined, cwd: string): ConfigFile | undefined {
  const file = explicit === undefined ? discover(cwd) : resolve(cwd, explicit);
  if (file === undefined) return undefined;
  if (!existsSync(file)) throw new ToolError('E_CONFIG', `--config: file not found: ${file}`);
  const values = parseConfig(file);
  const errors = validate(values);
  if (errors.length > 0) throw new ToolError('E_CONFIG', `${file}: ${errors.join('; ')}`);
  return { file, values: values as ConfigFile['values'] };
}

function discover(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
}

function parseConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolError('E_CONFIG', `${file}: cannot read: ${(error as Error).message}`);
  }
  try {
    return extname(file) === '.json' ? JSON.parse(text) : (parseYaml(text) ?? {});
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new ToolError(
      'E_CONFIG',
      `${file}: not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${detail}`,
    );
  }
}

let compiled: ValidateFunction | undefined;

function validate(values: unknown): string[] {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(join(packageRoot(), 'spec', 'config.schema.json'), 'utf8')),
  );
  if (compiled(values)) return [];
  return (compiled.errors ?? []).map(describeError);
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(top level)' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    return `${at}: unknown setting '${String(error.params.additionalProperty)}'`;
  }
  if (error.keyword === 'enum') {
    return `${at} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  }
  return `${at} ${error.message ?? 'is invalid'}`;
}

/** Paths in a configuration file are relative to the file's folder, not to where the CLI runs. */
export const configDir = (config: ConfigFile): string => dirname(config.file);
