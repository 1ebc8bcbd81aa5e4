import { ToolError } from '../errors.js';
import type { ParsedFile } from './load-yaml.js';

/** One thing wrong with a spec file, at a JSON-pointer path inside it. */
export interface Problem {
  path: string;
  message: string;
}

const MAX_SHOWN = 8;

/** Throws one E_CONFIG naming the file, and for each problem its path, line and what is wrong. */
export function throwProblems(file: ParsedFile, what: string, problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const lines = problems.slice(0, MAX_SHOWN).map((p) => {
    const at = file.locate(p.path);
    return `  ${file.label}${at === undefined ? '' : `:${at}`} at ${p.path === '' ? '/' : p.path}: ${p.message}`;
  });
  if (problems.length > MAX_SHOWN) lines.push(`  ... and ${problems.length - MAX_SHOWN} more`);
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  throw new ToolError('E_CONFIG', `${what} file ${file.label} has ${count}:\n${lines.join('\n')}`);
}

/** A short list of known values for "did you mean" style messages. */
export function known(values: readonly string[], max = 12): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, ... (${values.length} in all)` : shown || '(none)';
}
