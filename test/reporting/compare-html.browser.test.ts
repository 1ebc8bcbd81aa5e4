import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareReports } from '../../lib/reporting/compare.js';
import { renderCompareHtml } from '../../lib/reporting/compare-html.js';
import { CHROMIUM_PREREQUISITE, launchChromium } from '../helpers/chromium.js';
import { everyTestNeeds } from '../helpers/prerequisite.js';
import { fixture } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reporting-html-'));
const htmlFile = join(dir, 'compare.html');
/** Kept for a person to look at (reports/ is git-ignored). */
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'reports', 'screenshots');

describe('compare.html as a person sees it (headless Chromium)', () => {
  everyTestNeeds(CHROMIUM_PREREQUISITE);
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];

  beforeAll(async () => {
    if (!CHROMIUM_PREREQUISITE.present) return; // each test then skips, saying why (or fails, in CI)
    writeFileSync(
      htmlFile,
      renderCompareHtml(
        compareReports([fixture('run-pass'), fixture('run-fail'), fixture('run-not-covered')]),
      ),
    );
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(htmlFile).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const visibleRules = async (): Promise<string[]> =>
    page.locator('#matrix tbody tr:visible td:first-child code').allTextContents();

  it('loads nothing but the file itself', () => {
    expect(requested).toEqual([pathToFileURL(htmlFile).href]);
  });

  it('shows every rule, the legend and per-target totals', async () => {
    expect(await visibleRules()).toHaveLength(10);
    await expect(page.locator('#shown-count').textContent()).resolves.toBe('10 of 10 rules shown');
    expect(await page.locator('ul.legend li').count()).toBe(6);
    const failTotals = await page.locator('#totals tbody td.total-fail').allTextContents();
    expect(failTotals).toEqual(['0', '3', '0']);
    expect(await page.getByRole('cell', { name: 'fail: IncorrectDiskStatus 403' }).isVisible()).toBe(true);
  });

  it('filters by family', async () => {
    await page.selectOption('#family-filter', 'disk-state');
    expect(await visibleRules()).toEqual(['disk.category-essd', 'disk.ever-used']);
    await expect(page.locator('#shown-count').textContent()).resolves.toBe('2 of 10 rules shown');
    await page.selectOption('#family-filter', '');
    expect(await visibleRules()).toHaveLength(10);
  });

  it('filters by verdict: unticking "pass" leaves rules where some target did not pass', async () => {
    await page.locator('#verdict-filter input[value=pass]').uncheck();
    expect(await visibleRules()).toEqual([
      'name.max-length',
      'disk.ever-used',
      'account.balance',
      'protocol.signature-valid',
      'idempotency.parameter-mismatch',
    ]);
    for (const verdict of ['not-covered', 'skipped', 'inconclusive', 'absent']) {
      await page.locator(`#verdict-filter input[value="${verdict}"]`).uncheck();
    }
    expect(await visibleRules()).toEqual(['name.max-length', 'disk.ever-used', 'protocol.signature-valid']);
    await page.selectOption('#family-filter', 'protocol');
    expect(await visibleRules()).toEqual(['protocol.signature-valid']);
  });

  it('takes a screenshot of the filtered page', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, 'compare-html-filtered.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(1000);
  });

  it('filters to rules where targets disagree (then screenshots the whole page)', async () => {
    await page.selectOption('#family-filter', '');
    for (const box of await page.locator('#verdict-filter input').all()) await box.check();
    await page.locator('#differs-filter').check();
    expect(await visibleRules()).toEqual([
      'name.max-length',
      'disk.ever-used',
      'account.balance',
      'protocol.signature-valid',
      'idempotency.parameter-mismatch',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'compare-html.png'), fullPage: true });
  });
});
