import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ToolError } from '../errors.js';
import {
  ALLURE_HISTORY_FILE,
  ALLURE_REPORT_DIR,
  allureReportFileName,
  allureReportName,
  writeAllureHtml,
} from '../reporting/allure-html.js';
import { CONFORMANCE_JSON, readReportFile } from '../reporting/index.js';
import { type Io, println } from './io.js';

/**
 * `report [--report-dir DIR] [--label NAME] [--out FILE]`: the Allure report of the run whose results are
 * in DIR (default reports/), as one HTML file named after the run, in DIR/allure-report/. This run is
 * added to DIR/allure-history.jsonl, so that the report's trends show the runs before it.
 */
export async function reportCommand(flags: Record<string, unknown>, io: Io): Promise<number> {
  const reportDir = resolve(io.cwd, typeof flags.reportDir === 'string' ? flags.reportDir : 'reports');
  const conformance = join(reportDir, CONFORMANCE_JSON);
  if (!existsSync(conformance))
    throw new ToolError(
      'E_USAGE',
      `no ${CONFORMANCE_JSON} in ${reportDir}: run \`ecs-conformance run\` first`,
    );
  const run = readReportFile(conformance);
  const label = typeof flags.label === 'string' && flags.label !== '' ? flags.label : undefined;
  const outFile =
    typeof flags.out === 'string'
      ? resolve(io.cwd, flags.out)
      : join(reportDir, ALLURE_REPORT_DIR, allureReportFileName(run, label));
  const written = await writeAllureHtml({
    resultsDir: join(reportDir, 'allure-results'),
    outFile,
    historyFile: join(reportDir, ALLURE_HISTORY_FILE),
    reportName: allureReportName(run, label),
  });
  println(io.stdout, `wrote ${written}`);
  return 0;
}
