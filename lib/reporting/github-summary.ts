import { appendFileSync } from 'node:fs';
import { scrubText } from './scrub.js';

/**
 * Appends to the file GitHub Actions names in GITHUB_STEP_SUMMARY; a no-op elsewhere.
 * Returns the file written, if any.
 */
export function appendGithubStepSummary(
  markdown: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return undefined;
  const text = scrubText(markdown);
  appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  return file;
}
