import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolError } from '../errors.js';

/**
 * The folder holding our package.json. Found by walking up from this module so that the CLI works the
 * same from `lib/cli` (sources run by vitest), `dist/lib/cli` (the built bin) and an installed package,
 * whatever the current directory is.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && readPackageName(candidate) === 'ecs-conformance') return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new ToolError('E_INTERNAL', `cannot find the ecs-conformance package.json above ${from}`);
    dir = parent;
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' &&
      parsed !== null &&
      'name' in parsed &&
      typeof parsed.name === 'string'
      ? parsed.name
      : undefined;
  } catch {
    return undefined;
  }
}

export function packageVersion(root: string = packageRoot()): string {
  const parsed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}
