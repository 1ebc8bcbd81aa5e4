import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolError } from '../errors.js';
import { type CompareMatrix, compareReports } from './compare.js';
import { renderCompareHtml } from './compare-html.js';
import { renderCompareMarkdown } from './compare-markdown.js';
import { readReportFile } from './read-files.js';

export const COMPARE_MD = 'compare.md';
export const COMPARE_HTML = 'compare.html';

/**
 * `ecs-conformance compare A.json B.json ... [--label A --label B]`: writes compare.md and compare.html into
 * outDir. Labels name the targets in report order; unnamed ones get defaultTargetLabel.
 */
export function runCompareCommand(
  files: string[],
  outDir: string,
  labels: readonly string[] = [],
): { files: string[]; matrix: CompareMatrix } {
  if (files.length === 0) throw new ToolError('E_USAGE', 'compare needs at least one conformance.json');
  if (labels.length > files.length)
    throw new ToolError(
      'E_USAGE',
      `compare: ${labels.length} --label for ${files.length} report(s): give at most one per report, in order`,
    );
  const matrix = compareReports(files.map(readReportFile), labels);
  const markdown = renderCompareMarkdown(matrix);
  const html = renderCompareHtml(matrix);
  const written = [join(outDir, COMPARE_MD), join(outDir, COMPARE_HTML)];
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, COMPARE_MD), markdown, 'utf8');
    writeFileSync(join(outDir, COMPARE_HTML), html, 'utf8');
  } catch (cause) {
    throw new ToolError('E_CONFIG', `cannot write to ${outDir}: ${(cause as Error).message}`, { cause });
  }
  return { files: written, matrix };
}
