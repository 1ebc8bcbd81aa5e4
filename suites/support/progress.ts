import type { RunEvent } from '../../lib/runner/index.js';

/** Must equal PROGRESS_TAG of lib/cli/progress-reporter.ts (the suites may not import the CLI). */
const PROGRESS_TAG = '@@ecs-conformance-progress ';
const INTERVAL_MS = 250;

/**
 * Engine progress for the CLI's live status line. The worker cannot call the CLI's reporter directly,
 * so it prints tagged console lines, which vitest forwards and the CLI's onConsoleLog swallows.
 */
export class ProgressLine {
  private done = 0;
  private failed = 0;
  private last = 0;

  onEvent(event: RunEvent): void {
    if (event.type !== 'case-finished') return;
    this.done += 1;
    if (event.verdict === 'failed') this.failed += 1;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    console.log(`${PROGRESS_TAG}${JSON.stringify({ done: this.done, failed: this.failed })}`);
  }
}
