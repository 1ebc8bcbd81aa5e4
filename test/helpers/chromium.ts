import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The one optional system package of the tests: Debian's `chromium` (`.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests of `file` must be skipped: Chromium is missing and this is not CI (where a
 * missing browser must fail the run, not hide the tests). A skip says why, on the test output, once.
 */
export function skipWithoutChromium(file: string): boolean {
  const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true';
  if (skip)
    console.warn(
      `${file}: browser tests SKIPPED: no Chromium at ${CHROMIUM}. Install the Debian package \`chromium\` ` +
        '(apt-get install chromium) to run them; CI=true makes its absence a failure.',
    );
  return skip;
}

/** Headless Chromium without anything that would reach the network on its own. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/** The reason a browser suite's title carries when it is skipped. */
export const SKIP_REASON = `skipped: no Chromium at ${CHROMIUM} (Debian package \`chromium\`)`;
