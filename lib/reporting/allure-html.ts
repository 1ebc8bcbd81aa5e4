import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ToolError } from '../errors.js';
import type { RunReport } from '../runner/result.js';
import { lastHistoryEntryIs } from './allure-history.js';
import { defaultTargetLabel } from './target-label.js';

/** Allure's history file, kept next to the results across runs: what the report's trends are drawn from. */
export const ALLURE_HISTORY_FILE = 'allure-history.jsonl';
export const ALLURE_REPORT_DIR = 'allure-report';

export interface AllureHtmlOptions {
  resultsDir: string;
  /** The one HTML file to write. */
  outFile: string;
  /** Allure's history (JSON lines); this run is appended, unless it is the last run there already. */
  historyFile: string;
  /** The title the report shows. */
  reportName: string;
}

/** "CreateSnapshotGroup conformance: vendor-x (profile doc-2024, seed 1, 2026-12-05 04:30 UTC)". */
export function allureReportName(report: RunReport, label?: string): string {
  const when = report.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const name = label ?? defaultTargetLabel(report.target);
  return `CreateSnapshotGroup conformance: ${name} (profile ${report.profile}, seed ${report.seed}, ${when})`;
}

/** "ecs-conformance-vendor-x-20261205T043049Z.html": the run's target and start, safe in any file system. */
export function allureReportFileName(report: RunReport, label?: string): string {
  const slug = (label ?? defaultTargetLabel(report.target))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const stamp = report.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `ecs-conformance-${slug || 'target'}-${stamp}.html`;
}

const ANALYTICS_START = '<script async src="https://www.googletagmanager.com/gtag/js';
/**
 * Only what the report itself holds may load: inline scripts and styles, data: and blob: URLs. No
 * request leaves the file, so neither Allure's analytics nor an image a target smuggled into a
 * description can call out (defence in depth behind the writers' escaping).
 */
const OFFLINE_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' data: blob:; style-src 'unsafe-inline' data: blob:; " +
  'img-src data: blob:; font-src data: blob:; connect-src data: blob:; media-src data: blob:; worker-src blob: data:';

/**
 * The Awesome template always adds Google Analytics (its `analyticsEnable` is fixed to true): a report of
 * a private audit must not tell anyone it was opened. The analytics scripts are cut out and a content
 * security policy forbidding any network request is put first in <head>. Fails closed: a template that
 * changed so that the analytics cannot be found and removed is an error, not a silent beacon.
 */
export function offlineHtml(html: string): string {
  let out = html;
  const start = out.indexOf(ANALYTICS_START);
  if (start >= 0) {
    // The loader script, then the inline one that configures it.
    const firstEnd = out.indexOf('</script>', start);
    const secondEnd = firstEnd < 0 ? -1 : out.indexOf('</script>', firstEnd + 9);
    if (secondEnd < 0) throw new ToolError('E_INTERNAL', 'Allure report: cannot remove its analytics');
    out = out.slice(0, start) + out.slice(secondEnd + 9);
  }
  if (out.includes('googletagmanager.com'))
    throw new ToolError('E_INTERNAL', 'Allure report: cannot remove its analytics');
  const head = out.indexOf('<head>');
  if (head < 0) throw new ToolError('E_INTERNAL', 'Allure report: no <head> to put its security policy in');
  const policy = `<meta http-equiv="Content-Security-Policy" content="${OFFLINE_POLICY}">`;
  return `${out.slice(0, head + 6)}\n${policy}${out.slice(head + 6)}`;
}

/**
 * Writes the Allure 3 report of one run as a single self-contained HTML file (the Awesome plugin's
 * single-file mode: scripts, styles and data inlined, so it opens from disk, where a multi-file report
 * only shows a spinner). Allure's generator is loaded only here, so that `run` does not pay for it.
 */
export async function writeAllureHtml(options: AllureHtmlOptions): Promise<string> {
  if (!existsSync(options.resultsDir) || readdirSync(options.resultsDir).length === 0) {
    throw new ToolError(
      'E_USAGE',
      `no Allure results in ${options.resultsDir}: run \`ecs-conformance run\` (or \`merge\`) first`,
    );
  }
  const [{ AllureReport, resolveConfig }, { default: AwesomePlugin }] = await Promise.all([
    import('@allurereport/core'),
    import('@allurereport/plugin-awesome'),
  ]);
  // Awesome writes index.html plus two data files: it writes into a scratch folder, the HTML is kept.
  const scratch = mkdtempSync(join(tmpdir(), 'ecs-conformance-allure-'));
  try {
    // An empty plugin override: no plugin is looked up by name (nor the agent plugin added); ours is set below.
    const config = await resolveConfig(
      { name: options.reportName, output: scratch, historyPath: options.historyFile },
      { plugins: {} },
    );
    const awesome = {
      singleFile: true,
      reportName: options.reportName,
      // By family: the suites label every rule's test with its family as `feature`.
      groupBy: ['feature'],
    };
    config.plugins = [{ id: 'awesome', enabled: true, options: awesome, plugin: new AwesomePlugin(awesome) }];
    // The history still feeds the trends; only a run already in it is not added again.
    config.appendHistory = !lastHistoryEntryIs(options.historyFile, options.reportName);
    mkdirSync(dirname(options.historyFile), { recursive: true });
    const report = new AllureReport(config);
    await report.start();
    await report.readDirectory(options.resultsDir);
    await report.done();
    const html = join(scratch, 'index.html');
    if (!existsSync(html)) throw new ToolError('E_INTERNAL', 'Allure wrote no index.html');
    mkdirSync(dirname(options.outFile), { recursive: true });
    writeFileSync(options.outFile, offlineHtml(readFileSync(html, 'utf8')));
    return options.outFile;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
