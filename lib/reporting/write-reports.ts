import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolError } from '../errors.js';
import type { RunReport } from '../runner/result.js';
import type { Catalogue } from '../spec/catalogue.js';
import { renderConformanceJson } from './conformance-json.js';
import { errorRowCoverage } from './error-rows.js';
import { schemaCoverage } from './schema-coverage.js';
import { renderSummaryMarkdown } from './summary-markdown.js';

export const CONFORMANCE_JSON = 'conformance.json';
export const SUMMARY_MD = 'summary.md';

export interface WrittenReports {
  /** The report as written, error-table coverage filled in from the catalogue. */
  report: RunReport;
  files: string[];
}

/**
 * Writes conformance.json and summary.md into `dir` (created if needed). With a catalogue, the
 * documented-error and request-schema coverage are computed here from the rule results, so the runner
 * need not.
 * JUnit and Allure results come from vitest reporters, not from here.
 */
export function writeReports(
  report: RunReport,
  dir: string,
  catalogue?: Pick<Catalogue, 'errorRows' | 'rules'>,
): WrittenReports {
  const full = catalogue
    ? {
        ...report,
        errorRows: errorRowCoverage(catalogue, report.rules),
        schemaCoverage: schemaCoverage(catalogue, report.rules),
      }
    : report;
  // Render both before writing either: a schema failure must not leave half a report behind.
  const json = renderConformanceJson(full);
  const markdown = renderSummaryMarkdown(full);
  const jsonFile = join(dir, CONFORMANCE_JSON);
  const markdownFile = join(dir, SUMMARY_MD);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(jsonFile, json, 'utf8');
    writeFileSync(markdownFile, markdown, 'utf8');
  } catch (cause) {
    throw new ToolError('E_CONFIG', `cannot write reports to ${dir}: ${(cause as Error).message}`, { cause });
  }
  return { report: full, files: [jsonFile, markdownFile] };
}
