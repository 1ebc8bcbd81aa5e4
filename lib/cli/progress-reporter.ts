import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { shownText } from '../shown-text.js';

/** Prefix of the console lines the suites print to report engine progress (see suites/support). */
export const PROGRESS_TAG = '@@ecs-conformance-progress ';

export interface CaseProgress {
  done: number;
  failed: number;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Live progress: on a terminal one status line rewritten in place (cases done, failures so far, rules
 * reported); elsewhere plain lines, one per rule, that CI logs keep.
 */
export class ProgressReporter implements Reporter {
  private cases: CaseProgress = { done: 0, failed: 0 };
  private rules = { done: 0, failed: 0, skipped: 0 };
  private family = '';
  private lastDraw = 0;
  private readonly live: boolean;

  constructor(private readonly out: Output = process.stderr) {
    this.live = out.isTTY === true;
  }

  /** The suites' console output reaches reporters here; only their tagged progress lines matter. */
  onUserConsoleLog(log: UserConsoleLog): void {
    this.consume(log.content);
  }

  /** Reads a tagged progress line; false when the text was one (nothing to show as such). */
  consume(log: string): boolean {
    if (!log.startsWith(PROGRESS_TAG)) return true;
    for (const line of log.split('\n')) {
      if (!line.startsWith(PROGRESS_TAG)) continue;
      try {
        const parsed = JSON.parse(line.slice(PROGRESS_TAG.length)) as Partial<CaseProgress>;
        this.cases = { done: Number(parsed.done) || 0, failed: Number(parsed.failed) || 0 };
      } catch {
        // A torn line is only a missed update.
      }
    }
    this.draw();
    return false;
  }

  onTestModuleStart(module: TestModule): void {
    this.family = module.relativeModuleId.replace(/^.*\//, '').replace(/\.test\.ts$/, '');
    if (!this.live) this.out.write(`running ${this.family}\n`);
    this.draw();
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    const state = result.state;
    this.rules.done += 1;
    if (state === 'failed') this.rules.failed += 1;
    if (state === 'skipped') this.rules.skipped += 1;
    if (!this.live) {
      const mark = state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip';
      // A skip note carries the rule's reason, which can quote the target: one line, escaped.
      const note = result.state === 'skipped' ? ` (${shownText(result.note ?? 'skipped')})` : '';
      this.out.write(`  ${mark} ${shownText(test.name)}${note}\n`);
    }
    this.draw();
  }

  onTestRunEnd(): void {
    if (this.live) this.out.write('\r\u001b[2K');
  }

  private draw(): void {
    if (!this.live) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const { done, failed } = this.cases;
    const rules = `${this.rules.done} tests reported (${this.rules.failed} failed, ${this.rules.skipped} skipped)`;
    this.out.write(`\r\u001b[2K${this.family}: ${done} cases done, ${failed} failing so far; ${rules}`);
  }
}
