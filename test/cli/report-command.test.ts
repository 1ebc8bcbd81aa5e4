import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { CHROMIUM_PREREQUISITE, launchChromium } from '../helpers/chromium.js';
import { needs } from '../helpers/prerequisite.js';
import { fixturePath } from '../reporting/helpers.js';
import { captureIo } from './helpers/cli.js';

// Issue 15.4: `ecs-conformance report` writes the Allure report as one HTML file named after the run, that
// opens from disk (a multi-file Allure report shows only a spinner there), with Allure's history kept in
// the report folder so that trends show across runs.
const root = mkdtempSync(join(tmpdir(), 'ecs-report-command-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RULES = ['name.max-length', 'region.required', 'disk.ever-used'];

const STARTED = (JSON.parse(readFileSync(fixturePath('run-pass'), 'utf8')) as { startedAt: string })
  .startedAt;
/** "20250102T030400Z": how the file name carries the run's start. */
const STAMP = STARTED.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** A run's report folder: the run-pass conformance.json (embedded emulator) and Allure results. */
function runFolder(name: string, failing = ''): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'allure-results'), { recursive: true });
  copyFileSync(fixturePath('run-pass'), join(dir, 'conformance.json'));
  const start = Date.now();
  for (const rule of RULES) {
    const result = {
      uuid: randomUUID(),
      historyId: `${rule}-history`,
      testCaseId: `${rule}-case`,
      name: `${rule}: the rule`,
      fullName: `ecs-conformance:suites/x.test.ts#${rule}`,
      status: rule === failing ? 'failed' : 'passed',
      statusDetails: rule === failing ? { message: 'answered 200' } : {},
      stage: 'finished',
      steps: [],
      attachments: [],
      parameters: [],
      labels: [{ name: 'feature', value: 'request-shape' }],
      start,
      stop: start + 5,
    };
    writeFileSync(join(dir, 'allure-results', `${result.uuid}-result.json`), JSON.stringify(result));
  }
  return dir;
}

async function report(args: string[]) {
  const cli = captureIo(root);
  const code = await main(['report', ...args], cli.io);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

const historyLines = (dir: string): unknown[] =>
  readFileSync(join(dir, 'allure-history.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

describe('ecs-conformance report', () => {
  const dir = runFolder('first');
  let htmlFile = '';

  it('writes one HTML file named after the run, titled with what was tested, and prints its path', async () => {
    const out = await report(['--report-dir', dir]);
    expect(out.code, out.stderr).toBe(0);
    const written = readdirSync(join(dir, 'allure-report'));
    expect(written).toEqual([`ecs-conformance-embedded-emulator-${STAMP}.html`]);
    htmlFile = join(dir, 'allure-report', written[0] ?? '');
    expect(out.stdout).toBe(`wrote ${htmlFile}\n`);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toContain('CreateSnapshotGroup conformance: embedded emulator (profile published, seed 42');
    // Self-contained: no script, style or data file is loaded from beside it.
    expect(html).not.toMatch(/<script[^>]*\ssrc=["'](?!data:)/i);
    expect(html).not.toMatch(/<link[^>]*\shref=["'](?!data:)/i);
    // Allure's template calls Google Analytics: not from a report of ours.
    expect(html).not.toContain('googletagmanager');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
  });

  it('keeps Allure history in the report folder: each report adds its run, once', async () => {
    expect(historyLines(dir)).toHaveLength(1);
    const again = await report(['--report-dir', dir, '--label', 'vendor x']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`ecs-conformance-vendor-x-${STAMP}.html`);
    const history = historyLines(dir) as Array<{ name: string; testResults: Record<string, unknown> }>;
    expect(history).toHaveLength(2);
    expect(history[1]?.name).toMatch(/^CreateSnapshotGroup conformance: vendor x /);
    expect(Object.keys(history[1]?.testResults ?? {})).toHaveLength(RULES.length);
    // The same run reported again is not a new run of the trends.
    const third = await report(['--report-dir', dir, '--label', 'vendor x']);
    expect(third.code, third.stderr).toBe(0);
    expect(historyLines(dir)).toHaveLength(2);
  });

  it('refuses a folder without a run, naming it (exit 2)', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const out = await report(['--report-dir', empty]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`error: no conformance.json in ${empty}: run \`ecs-conformance run\` first\n`);
  });

  it("opens from disk and shows the run's tests (headless Chromium)", async (context) => {
    needs(context, CHROMIUM_PREREQUISITE);
    const failing = runFolder('failing', 'disk.ever-used');
    const out = await report(['--report-dir', failing]);
    expect(out.code, out.stderr).toBe(0);
    const file = out.stdout.replace(/^wrote /, '').trim();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      // The tree of tests is drawn (not a spinner): every rule's test is listed.
      for (const rule of RULES)
        await page.getByText(`${rule}: the rule`).first().waitFor({ timeout: 30_000 });
      const elsewhere = requested.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:'));
      expect(elsewhere).toEqual([pathToFileURL(file).href]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
