import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { INCONCLUSIVE } from '../../suites/support/inconclusive.js';
import { shownText } from '../shown-text.js';

/** Prefix of the console lines the suites print to report engine progress (see suites/support). */
export const PROGRESS_TAG = '@@ecs-conformance-progress ';

export interface CaseProgress {
  done: number;
  failed: number;
  /** Cases the worker plans to run, and rules it was given (0: not said). */
  planned: number;
  rules: number;
}

/** How a test of the suites ended, in the words of a rule's verdict. */
type TestMark = 'ok' | 'FAIL' | 'inconclusive' | 'skip';

function markOf(test: TestCase): TestMark {
  const result = test.result();
  if (result.state === 'passed') return 'ok';
  if (result.state === 'failed') return result.errors?.[0]?.name === INCONCLUSIVE ? 'inconclusive' : 'FAIL';
  return 'skip';
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Without a terminal, the status line is printed this often: a long run's log shows it is alive. */
export const PLAIN_PROGRESS_INTERVAL_MS = 60_000;

/**
 * Live progress: on a terminal one status line rewritten in place (cases done of planned, the rate and
 * the time left, failures so far, rules decided); elsewhere plain lines, one per rule, and the status
 * line once a minute, which CI logs keep.
 */
export class ProgressReporter implements Reporter {
  private cases: CaseProgress = { done: 0, failed: 0, planned: 0, rules: 0 };
  /** Rule tests reported so far (the family property and cross-cutting tests are not rules). */
  private rules = { decided: 0, failed: 0, inconclusive: 0 };
  private family = '';
  private lastDraw = 0;
  /** When the first case finished (the rate counts from there), and when a plain line was last printed. */
  private firstCaseAt: number | undefined;
  private lastPlainLine: number | undefined;
  private readonly live: boolean;

  constructor(
    private readonly out: Output = process.stderr,
    private readonly clock: () => number = Date.now,
  ) {
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
        this.cases = {
          done: Number(parsed.done) || 0,
          failed: Number(parsed.failed) || 0,
          planned: Number(parsed.planned) || 0,
          rules: Number(parsed.rules) || 0,
        };
      } catch {
        // A torn line is only a missed update.
      }
    }
    const now = this.clock();
    this.firstCaseAt ??= now;
    this.lastPlainLine ??= now;
    if (!this.live && now - this.lastPlainLine >= PLAIN_PROGRESS_INTERVAL_MS) {
      this.lastPlainLine = now;
      this.out.write(`progress: ${this.statusLine()}\n`);
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
    const mark = markOf(test);
    if (test.meta().ecsRule !== undefined) {
      this.rules.decided += 1;
      if (mark === 'FAIL') this.rules.failed += 1;
      if (mark === 'inconclusive') this.rules.inconclusive += 1;
    }
    if (!this.live) {
      const result = test.result();
      const error = result.state === 'failed' ? result.errors?.[0]?.message : undefined;
      // A note or an error can quote the target: one line, escaped.
      const note =
        result.state === 'skipped'
          ? ` (${shownText(result.note ?? 'skipped')})`
          : mark === 'inconclusive'
            ? ` (${shownText(error ?? 'inconclusive')})`
            : '';
      this.out.write(`  ${mark.padEnd(4)} ${shownText(test.name)}${note}\n`);
    }
    this.draw();
  }

  onTestRunEnd(): void {
    if (this.live) this.out.write('\r\u001b[2K');
  }

  private draw(): void {
    if (!this.live) return;
    const now = this.clock();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.out.write(`\r\u001b[2K${this.statusLine()}`);
  }

  /**
   * "request-shape: 120 of 466 cases done (310 cases/s, about 1 s left), 2 failing so far; 30 of 85 rules
   * decided (1 failed, 0 inconclusive)"
   */
  statusLine(): string {
    const { done, failed, planned, rules } = this.cases;
    const ofPlanned = planned > 0 ? ` of ${planned}` : '';
    const ofRules = rules > 0 ? ` of ${rules}` : '';
    const decided = `${this.rules.decided}${ofRules} rules decided (${this.rules.failed} failed, ${this.rules.inconclusive} inconclusive)`;
    return `${this.family}: ${done}${ofPlanned} cases done${this.pace()}, ${failed} failing so far; ${decided}`;
  }

  /** The rate since the first case, and the time left at that rate; empty until a second has passed. */
  private pace(): string {
    const { done, planned } = this.cases;
    const seconds = this.firstCaseAt === undefined ? 0 : (this.clock() - this.firstCaseAt) / 1000;
    if (seconds < 1 || done === 0) return '';
    const rate = done / seconds;
    const left = planned > done ? `, about ${duration((planned - done) / rate)} left` : '';
    return ` (${Math.round(rate).toLocaleString('en-US')} cases/s${left})`;
  }
}

/** "45 s", "3 min", "1 h 20 min": the time left, as precise as it is worth being. */
function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
