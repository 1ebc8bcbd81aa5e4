import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import type { Prerequisite } from './prerequisite.js';

/** The one optional system package of the tests: Debian's `chromium` (`.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * For `everyTestNeeds`: without Chromium a browser test is skipped saying why (and installing what
 * brings it back), or fails under CI=true, where a missing browser must not read as green.
 */
export const CHROMIUM_PREREQUISITE: Prerequisite = {
  present: existsSync(CHROMIUM),
  reason: `Chromium at ${CHROMIUM}, to open reports as a person does (Debian package \`chromium\`: apt-get install chromium)`,
};

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
