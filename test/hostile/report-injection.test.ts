import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PREREQUISITE, launchChromium } from '../helpers/chromium.js';
import { needs } from '../helpers/prerequisite.js';
import { type CliResult, ROOT, removeDir, runCli, tempDir } from './cli.js';
import type { LoopbackServer } from './loopback.js';
import { BEACON, injectingTarget } from './targets.js';

/*
 * A target whose Code, Message and body carry Markdown, HTML, a script, ANSI escapes and a forged
 * `verdict:` line (see injectingTarget). Whatever the tool writes about it (console, summary.md,
 * Allure results, the Allure report in a browser, the attachments opened on their own) shows that
 * text and never acts on it.
 */

const ESC = '\u001b';
/** Allure 3 writes this analytics script into every report it generates (`analyticsEnable: true`). */
const ALLURE_OWN_ANALYTICS = 'https://www.googletagmanager.com/gtag/js';

let target: LoopbackServer;
let dir: string;
let run: CliResult;

beforeAll(async () => {
  target = await injectingTarget();
  dir = tempDir('injection');
  run = await runCli(
    [
      'run',
      '--target',
      target.url,
      '--only',
      'disk.exists,name.max-length',
      '--runs',
      '1',
      '--report-dir',
      dir,
    ],
    { cwd: dir },
  );
}, 120_000);

afterAll(async () => {
  await target?.close();
  if (dir) removeDir(dir);
});

/** What a renderer makes of Markdown: raw HTML allowed (as GitHub allows some), so nothing hides. */
const renderedHtml = (markdown: string): string => new MarkdownIt({ html: true }).render(markdown);

/** The markup a renderer produced from the target's text: images, links and scripts pointing at it. */
function injectedMarkup(html: string): string[] {
  const found = [/<img\b[^>]*>/gi, /<a\b[^>]*>/gi, /<script\b/gi].flatMap(
    (pattern) => html.match(pattern) ?? [],
  );
  return found.filter((tag) => tag.toLowerCase().startsWith('<script') || tag.includes(BEACON));
}

describe('a target answering Markdown, HTML, scripts and ANSI escapes in its Code and Message', () => {
  it('is found non-conformant (exit 1)', () => {
    expect(run.code, run.stderr).toBe(1);
  });

  it('reaches the console escaped: no ANSI escape, no forged verdict line', () => {
    const console = `${run.stdout}${run.stderr}`;
    expect(console).not.toContain(ESC);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('verdict:'))).toEqual([
      expect.stringMatching(/^verdict: NOT conformant/),
    ]);
    // Shown, not dropped: the reader sees what the target sent.
    expect(run.stdout).toContain('\\nverdict: conformant');
  });

  it('reaches summary.md escaped: rendered, it holds no image, link or script of the target', () => {
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).not.toContain(ESC);
    expect(summary).toContain('\\x1b[2J');
    expect(summary.split('\n').filter((line) => line.startsWith('verdict:'))).toEqual([]);
    expect(injectedMarkup(renderedHtml(summary))).toEqual([]);
  });

  it('reaches the Allure results escaped, its bodies attached as plain text', () => {
    const resultsDir = join(dir, 'allure-results');
    const results = readdirSync(resultsDir)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as AllureResult);
    const described = results.filter((result) => result.description !== undefined);
    expect(described.length).toBeGreaterThan(0);
    // Allure renders descriptions with markdown-it, default options.
    for (const result of described)
      expect(injectedMarkup(new MarkdownIt().render(result.description ?? ''))).toEqual([]);
    // allure-js-commons puts an attachment made inside a test in a step of its own.
    const responses = results
      .flatMap((r) => [
        ...(r.attachments ?? []),
        ...(r.steps ?? []).flatMap((step) => step.attachments ?? []),
      ])
      .filter((a) => a.name.endsWith(': response'));
    expect(responses.length).toBeGreaterThan(0);
    for (const attachment of responses) {
      expect(attachment.type).toBe('text/plain');
      expect(extname(attachment.source)).toBe('.txt');
    }
  });

  it('opened in Chromium, the Allure report and its attachments fetch nothing of the target and run none of its scripts', async (context) => {
    needs(context, CHROMIUM_PREREQUISITE);
    const reportDir = join(dir, 'allure-report');
    const generated = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'allure', 'cli.js'),
        'generate',
        join(dir, 'allure-results'),
        '-o',
        reportDir,
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    expect(generated.status, generated.stderr).toBe(0);
    const visit = await openInChromium(reportDir);
    try {
      const ids = readdirSync(join(reportDir, 'data', 'test-results')).map((name) =>
        name.replace(/\.json$/, ''),
      );
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await visit.testResult(id);
      // Opened on their own, as a reader following a link to one would.
      const files = [
        ...readdirSync(join(reportDir, 'data', 'attachments')).map((f) =>
          join(reportDir, 'data', 'attachments', f),
        ),
        ...readdirSync(join(dir, 'allure-results'))
          .filter((f) => f.includes('-attachment'))
          .map((f) => join(dir, 'allure-results', f)),
      ];
      expect(files.length).toBeGreaterThan(0);
      const titles: string[] = [];
      for (const file of files) titles.push(await visit.file(file));
      expect(titles.filter((title) => title.includes('script ran'))).toEqual([]);
      // An image, a link followed or a script of the target would each have asked BEACON for something.
      expect(visit.leaked()).toEqual([]);
    } finally {
      await visit.close();
    }
  }, 120_000);
});

interface AllureAttachment {
  name: string;
  type: string;
  source: string;
}
interface AllureResult {
  description?: string;
  attachments?: AllureAttachment[];
  steps?: Array<{ attachments?: AllureAttachment[] }>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
  '.xml': 'application/xml',
};

/** The report as `allure open` would show it: a static server on loopback (its data is fetched). */
async function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path) || path === root) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function openInChromium(reportDir: string) {
  const server = await serve(reportDir);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchChromium();
  const page = await (await browser.newContext()).newPage();
  const requested: string[] = [];
  // Every request is recorded; only the report's own files load, nothing else leaves the browser.
  await page.context().route('**/*', async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith(`${origin}/`) || url.startsWith('file:')) await route.continue();
    else await route.abort();
  });
  const own = (url: string) =>
    url.startsWith(`${origin}/`) || url.startsWith('file:') || url.startsWith(ALLURE_OWN_ANALYTICS);
  return {
    async testResult(id: string): Promise<void> {
      await page.goto(`${origin}/index.html#${id}`);
      await page.getByText('Attachments').first().waitFor();
      await page.waitForLoadState('networkidle');
      // The attachments tab renders each attachment's preview on click.
      await page.getByText('Attachments').first().click();
      for (const row of await page.getByText(/: response$/).all()) await row.click();
      await page.waitForLoadState('networkidle');
    },
    async file(path: string): Promise<string> {
      await page.goto(pathToFileURL(path).href);
      await page.waitForLoadState('networkidle');
      return page.title();
    },
    leaked: () => requested.filter((url) => !own(url)),
    async close(): Promise<void> {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
