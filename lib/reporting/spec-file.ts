import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolError } from '../errors.js';

/**
 * Finds a file of the package's spec/ folder by walking up from this module: the same code runs from
 * lib/reporting (tests, tsx) and from dist/lib/reporting (the published CLI), at different depths.
 */
export function specFilePath(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'spec', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new ToolError('E_SPEC', `spec/${name} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function readSpecJson(name: string): unknown {
  const file = specFilePath(name);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new ToolError('E_SPEC', `${file}: not valid JSON`, { cause });
  }
}
