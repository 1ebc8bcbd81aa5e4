import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLinesUnified } from '@vitest/utils/diff';
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

/** A signature value a careless engine left in a report: the writers must still print `***`. */
export const RAW_SIGNATURE = 'UnR3dact3dSig%2Bvalue';

/**
 * The fixture as an engine that forgot to redact would hand it over: every `Signature=***` of its
 * samples holds a real-looking value. The writers' output (hence the golden) must not change.
 */
export function unredactedFixture(name: FixtureName): RunReport {
  const text = readFileSync(join(FIXTURES, `${name}.json`), 'utf8').replaceAll(
    'Signature=***',
    `Signature=${RAW_SIGNATURE}`,
  );
  expect(text).toContain(RAW_SIGNATURE);
  return JSON.parse(text) as RunReport;
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
 * Compares with test/reporting/golden/<name>.golden; `UPDATE_GOLDEN=1` rewrites the file instead and
 * prints what changed, to review before committing. Either way `facts` runs first: the verdict, counts,
 * redaction and escaping the output must show, so that a golden can never freeze a wrong output
 * unnoticed. The `.golden` suffix keeps Biome from reformatting the expected bytes.
 */
export function expectGolden(name: string, actual: string, facts: (text: string) => void): void {
  facts(actual);
  const file = join(GOLDEN, `${name}.golden`);
  if (process.env.UPDATE_GOLDEN === '1') {
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (before !== actual) {
      const changes = diffLinesUnified(before.split('\n'), actual.split('\n'), {
        aAnnotation: `${name}.golden (before)`,
        bAnnotation: `${name} (now)`,
        expand: false,
      });
      console.log(`UPDATE_GOLDEN: ${file} rewritten; review this diff before committing it:\n${changes}`);
    }
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual, 'utf8');
    return;
  }
  if (!existsSync(file))
    throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
