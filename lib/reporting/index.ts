/**
 * Report writers: pure functions from a RunReport (or several) to text, and thin file-writing wrappers.
 * Only the CLI, the suites and the vitest reporter import this; the engine (lib/runner, lib/client,
 * lib/checks) never does.
 */
export { type AllureAttachment, type AllureMeta, allureMetaForRule, applyAllure } from './allure.js';
export { allureEnvironment, writeAllureEnvironment } from './allure-environment.js';
export { loadBaseline } from './baseline.js';
export type { Acceptance, AcceptanceFile, Baseline, GateResult } from './baseline-types.js';
export { canonicalReport } from './canonical.js';
export {
  type CellVerdict,
  type CompareMatrix,
  compareReports,
  type MatrixCell,
  type MatrixRow,
  type MatrixTarget,
} from './compare.js';
export { COMPARE_HTML, COMPARE_MD, runCompareCommand } from './compare-command.js';
export { renderCompareHtml } from './compare-html.js';
export { renderCompareMarkdown } from './compare-markdown.js';
export { renderConformanceJson } from './conformance-json.js';
export { type DiffVerdict, diffReports, type ReportDiff, type RowChange, type RuleChange } from './diff.js';
export { diffExitCode, renderDiff, runDiffCommand } from './diff-render.js';
export { errorRowCoverage } from './error-rows.js';
export { formatActual, formatExpected } from './format.js';
export { gate, isExpired, renderGate } from './gate.js';
export { appendGithubStepSummary } from './github-summary.js';
export { readReportFile } from './read-files.js';
export { reportProblems, validateReport } from './schemas.js';
export { API_PAGE_URL, sourceLink } from './source-links.js';
export { renderSummaryMarkdown } from './summary-markdown.js';
export { type RunVerdict, type RunVerdictStatus, runVerdict, VERDICT_ICON } from './verdict.js';
export { CONFORMANCE_JSON, SUMMARY_MD, type WrittenReports, writeReports } from './write-reports.js';
