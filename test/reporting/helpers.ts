import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { RunReport } from '../../lib/runner/result.js';
import type { Catalogue } from '../../lib/spec/catalogue.js';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, 'fixtures');
export const GOLDEN = join(here, 'golden');

export type FixtureName = 'run-pass' | 'run-fail' | 'run-not-covered';

/** A fresh copy each time, so that a test mutating it cannot leak into another. */
export function fixture(name: FixtureName): RunReport {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as RunReport;
}

export const fixturePath = (name: FixtureName): string => join(FIXTURES, `${name}.json`);

/** The fixture's error table; no rules, so no keyword of the request schema is named by one. */
export function catalogue(): Pick<Catalogue, 'errorRows' | 'rules'> {
  const parsed = JSON.parse(readFileSync(join(FIXTURES, 'catalogue.json'), 'utf8')) as Pick<
    Catalogue,
    'errorRows'
  >;
  return { ...parsed, rules: [] };
}

/**
 * Compares with test/reporting/golden/<name>.golden; `UPDATE_GOLDEN=1` rewrites the file instead.
 * The `.golden` suffix keeps Biome from reformatting the expected bytes.
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, `${name}.golden`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual, 'utf8');
    return;
  }
  if (!existsSync(file))
    throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
