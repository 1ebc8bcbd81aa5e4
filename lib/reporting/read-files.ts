import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ToolError } from '../errors.js';
import type { RunReport } from '../runner/result.js';
import { formatProblems, reportProblems } from './schemas.js';

/** E_CONFIG naming the file, where in it, and what is wrong. */
export function configError(file: string, path: string, what: string, cause?: unknown): ToolError {
  return new ToolError(
    'E_CONFIG',
    `${file}: at ${path}: ${what}`,
    cause === undefined ? undefined : { cause },
  );
}

/** JSON, or YAML for hand-written acceptance files (YAML is a superset, but JSON errors read better). */
export function readDataFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw configError(file, '/', `cannot read: ${(cause as Error).message}`, cause);
  }
  const looksLikeYaml = /\.ya?ml$/i.test(file);
  try {
    return looksLikeYaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (cause) {
    throw configError(
      file,
      '/',
      `not valid ${looksLikeYaml ? 'YAML' : 'JSON'}: ${(cause as Error).message}`,
      cause,
    );
  }
}

export function asRunReport(file: string, value: unknown): RunReport {
  const problems = reportProblems(value);
  const first = problems[0];
  if (first) throw configError(file, first.path, `not a valid conformance.json: ${formatProblems(problems)}`);
  return value as RunReport;
}

/** A conformance.json written by this tool, checked against spec/report.schema.json. */
export function readReportFile(file: string): RunReport {
  return asRunReport(file, readDataFile(file));
}
