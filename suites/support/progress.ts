import type { RunEvent } from '../../lib/runner/index.js';
import type { Session } from '../../lib/runner/session.js';
import type { Family } from '../../lib/spec/catalogue.js';

/** Must equal PROGRESS_TAG of lib/cli/progress-reporter.ts (the suites may not import the CLI). */
const PROGRESS_TAG = '@@ecs-conformance-progress ';
const INTERVAL_MS = 250;

/** Property runs stay modest: every run is a real request (and maybe a real snapshot group). */
export const propertyRuns = (runs: number): number => Math.min(Math.max(runs, 1), 25);

/**
 * What this worker means to run: the planned cases of each rule of the families whose suite files run
 * (a shard runs its share only, though its session selects every rule), and each family's property
 * runs. A failing property stops early, so the count is a plan, not a promise.
 */
export function plannedWork(
  engine: Session,
  runs: number,
  families: readonly Family[],
): { cases: number; rules: number } {
  const running = new Set(families);
  const rules = engine.rules.filter((rule) => running.has(rule.family));
  const present = new Set(rules.map((rule) => rule.family));
  const ruleCases = rules.reduce((sum, rule) => sum + (engine.cases.plannedFor?.(rule.id) ?? 0), 0);
  return { cases: ruleCases + present.size * propertyRuns(runs), rules: rules.length };
}

/**
 * Engine progress for the CLI's live status line. The worker cannot call the CLI's reporter directly,
 * so it prints tagged console lines, which vitest forwards and the CLI's onConsoleLog swallows.
 */
export class ProgressLine {
  private done = 0;
  private failed = 0;
  private planned = 0;
  private rules = 0;
  private last = 0;

  /** The totals the line counts towards: cases planned, rules selected. */
  plan(planned: number, rules: number): void {
    this.planned = planned;
    this.rules = rules;
  }

  onEvent(event: RunEvent): void {
    if (event.type !== 'case-finished') return;
    this.done += 1;
    if (event.verdict === 'failed') this.failed += 1;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    const line = { done: this.done, failed: this.failed, planned: this.planned, rules: this.rules };
    console.log(`${PROGRESS_TAG}${JSON.stringify(line)}`);
  }
}
