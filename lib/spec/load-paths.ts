import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolError } from '../errors.js';

let cachedRoot: string | undefined;

/**
 * The folder holding our package.json, found by walking up from this module so that spec/ and fixtures/
 * are found the same from lib/spec (sources under vitest), dist/lib/spec (the built bin) and an installed
 * package, whatever the current directory is.
 */
export function specPackageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurManifest(manifest)) {
      cachedRoot = dir;
      return dir;
    }
    if (dirname(dir) === dir)
      throw new ToolError('E_INTERNAL', `cannot find the ecs-conformance package.json above ${start}`);
  }
}

function isOurManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'ecs-conformance';
  } catch {
    return false;
  }
}

/** A path inside the package (spec/..., fixtures/...). */
export const packagePath = (...parts: string[]): string => join(specPackageRoot(), ...parts);

export const DEFAULT_CATALOGUE = ['spec', 'CreateSnapshotGroup.rules.yaml'] as const;
export const DEFAULT_WORLD = ['fixtures', 'default.world.yaml'] as const;
export const DEFAULT_PROFILE = 'doc-2024';
export const PROFILES_DIR = ['spec', 'profiles'] as const;

/** A user-given path, resolved against the current directory. */
export const resolveUserPath = (file: string): string =>
  isAbsolute(file) ? file : resolve(process.cwd(), file);

/** How a file is named in messages: relative to the current directory when inside it. */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
