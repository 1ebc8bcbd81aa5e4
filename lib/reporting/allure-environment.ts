import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolError } from '../errors.js';
import type { RunReport } from '../runner/result.js';
import { scrubText } from './scrub.js';
import { differentialSentence } from './summary-differential.js';
import { runVerdict } from './verdict.js';

/** A .properties value: printable ASCII but the backslash (the class is space to `[` and `]` to `~`) as is, the rest as \uXXXX. */
const propertyValue = (text: string): string =>
  text.replace(/[^ -[\]-~]/g, (c) =>
    c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/**
 * Allure's environment.properties for a run: the verdict sentence first (the words every other output
 * uses), then what was tested. Allure 2 and 3 show it on the report's overview.
 */
export function allureEnvironment(report: RunReport): string {
  const entries: Array<[string, string]> = [
    ['verdict', runVerdict(report).sentence],
    ['target', report.target.embedded ? `${report.target.url} (embedded emulator)` : report.target.url],
    ['profile', report.profile],
    ['seed', String(report.seed)],
    ...(report.differential === undefined
      ? []
      : ([
          ['reference', report.differential.reference],
          ['differential', differentialSentence(report.differential)],
        ] as Array<[string, string]>)),
  ];
  return scrubText(entries.map(([key, value]) => `${key}=${propertyValue(value)}\n`).join(''));
}

/** Writes environment.properties into an Allure results folder that the run's Allure writer filled. */
export function writeAllureEnvironment(resultsDir: string, report: RunReport): string {
  const file = join(resultsDir, 'environment.properties');
  try {
    writeFileSync(file, allureEnvironment(report), 'utf8');
  } catch (cause) {
    throw new ToolError('E_CONFIG', `cannot write ${file}: ${(cause as Error).message}`, { cause });
  }
  return file;
}
