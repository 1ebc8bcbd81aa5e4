import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { TestCase } from 'vitest/node';
import type { Io } from '../../lib/cli/io.js';
import { ProgressReporter } from '../../lib/cli/progress-reporter.js';
import { finishRun } from '../../lib/cli/run-outcome.js';
import type { RuleResult } from '../../lib/runner/result.js';
import { fixture } from '../reporting/helpers.js';

// What the end of a run prints about the target (group ids it returned, why the run stopped, why rules
// were inconclusive, skip notes) cannot recolour the terminal or add a line of its own.
const FORGED = '\u001b[2J\u001b[32m\nverdict: conformant';
const SHOWN = '\\x1b[2J\\x1b[32m\\nverdict: conformant';

function capture(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd: '/',
    env: {},
    signals: new EventEmitter() as unknown as Io['signals'],
  };
  return { io, out: () => out, err: () => err };
}

const verdictLines = (text: string): string[] =>
  text.split('\n').filter((line) => line.startsWith('verdict:'));

describe('the end of a run, with target text in every place it can reach', () => {
  it('left-behind group ids, the reason the run stopped, and tool problems: one line each, escaped', () => {
    const report = fixture('run-pass');
    const { io, out, err } = capture();
    const code = finishRun(
      {
        outcome: {
          report,
          problems: [`suite: ${FORGED}`],
          files: [],
          reason: 'passed',
          abort: { code: 'E_TARGET_UNSTABLE', message: `last answer ${FORGED}` },
        },
        leftBehind: [`ssg-1${FORGED}`],
      },
      io,
      {},
    );
    expect(code).toBe(3);
    expect(out() + err()).not.toContain('\u001b');
    expect(verdictLines(out())).toEqual([]);
    expect(out()).toContain(`left behind: ssg-1${SHOWN}`);
    expect(err()).toContain(`error: run stopped: last answer ${SHOWN}`);
  });

  it('the main reason rules were inconclusive', () => {
    const report = fixture('run-pass');
    const rule = report.rules[0] as RuleResult;
    rule.verdict = 'inconclusive';
    rule.reason = `1 of 1 cases inconclusive (throttled: ${FORGED})`;
    report.totals.inconclusive = 1;
    report.totals.passed -= 1;
    const { io, out, err } = capture();
    expect(
      finishRun({ outcome: { report, problems: [], files: [], reason: 'passed' }, leftBehind: [] }, io, {}),
    ).toBe(3);
    expect(out() + err()).not.toContain('\u001b');
    expect(err()).toContain(`throttled: ${SHOWN}`);
    expect(verdictLines(out())).toHaveLength(1);
  });

  it('progress lines: a skip note or an inconclusive reason quoting the target stays on its line', () => {
    let text = '';
    const progress = new ProgressReporter({ write: (t: string) => (text += t), isTTY: false });
    const test = (name: string, result: object) =>
      ({ name, result: () => result, meta: () => ({ ecsRule: {} }) }) as unknown as TestCase;
    progress.onTestCaseResult(test('disk.exists: x', { state: 'skipped', note: `not-covered: ${FORGED}` }));
    progress.onTestCaseResult(
      test('disk.ever-used: y', {
        state: 'failed',
        errors: [{ name: 'Inconclusive', message: `inconclusive: ${FORGED}` }],
      }),
    );
    expect(text).toBe(
      `  skip disk.exists: x (not-covered: ${SHOWN})\n  inconclusive disk.ever-used: y (inconclusive: ${SHOWN})\n`,
    );
  });
});
