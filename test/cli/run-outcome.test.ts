import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { TestCase, TestModule } from 'vitest/node';
import type { ExecutedRun } from '../../lib/cli/execute-run.js';
import type { Io } from '../../lib/cli/io.js';
import { ProgressReporter } from '../../lib/cli/progress-reporter.js';
import { finishRun } from '../../lib/cli/run-outcome.js';
import type { RuleResult, RunReport } from '../../lib/runner/result.js';
import type { ReporterOutcome } from '../../suites/support/run-contract.js';

const rule = (id: string, verdict: RuleResult['verdict']): RuleResult => ({
  id,
  family: 'request-shape',
  title: id,
  level: 'must',
  source: { document: 'api-doc', quote: 'q' },
  expected: { kind: 'success' },
  verdict,
  casesRun: 1,
  casesFailed: verdict === 'failed' ? 1 : 0,
  findings:
    verdict === 'failed'
      ? [{ check: 'c', rule: id, caseId: `${id}/x/0`, message: 'm', expected: 'E 400', actual: 'A 400' }]
      : [],
  samples: [],
});

const report = (rules: RuleResult[]): RunReport => ({
  tool: { name: 'ecs-conformance', version: '0' },
  target: { url: 'http://127.0.0.1:1', embedded: true },
  world: { name: 'w', file: 'w.yaml' },
  profile: 'p',
  seed: 1,
  runs: 1,
  transports: [],
  startedAt: '',
  finishedAt: '',
  timings: { startupMs: 0, generationMs: 0, executionMs: 0, reportingMs: 0 },
  totals: {
    rules: rules.length,
    passed: rules.filter((r) => r.verdict === 'passed').length,
    failed: rules.filter((r) => r.verdict === 'failed').length,
    notCovered: rules.filter((r) => r.verdict === 'not-covered').length,
    skipped: rules.filter((r) => r.verdict === 'skipped').length,
    inconclusive: rules.filter((r) => r.verdict === 'inconclusive').length,
    cases: 1,
    requests: 1,
  },
  rules,
  errorRows: [],
  leftBehind: [],
});

function finish(run: ExecutedRun, options: Parameters<typeof finishRun>[2] = {}) {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd: '/',
    env: {},
    signals: new EventEmitter() as unknown as Io['signals'],
  };
  const code = finishRun(run, io, options);
  return { code, out, err };
}

const outcome = (rules: RuleResult[], extra: Partial<ReporterOutcome> = {}): ReporterOutcome => ({
  report: report(rules),
  problems: [],
  files: [],
  reason: 'passed',
  ...extra,
});

describe('the exit code of a run', () => {
  it('is 0 when every rule passed, 1 when one failed, with the failing rule in the table', () => {
    expect(finish({ outcome: outcome([rule('a.b', 'passed')]), leftBehind: [] }).code).toBe(0);
    const failed = finish({
      outcome: outcome([rule('a.b', 'passed'), rule('c.d', 'failed')]),
      leftBehind: [],
    });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('c.d: expected E 400, got A 400');
    expect(failed.out).toContain('verdict: NOT conformant (1 failed, 0 inconclusive, 1 passed of 2 rules)');
  });

  it('follows the baseline gate when one is given', () => {
    const accepted = {
      kind: 'acceptance' as const,
      file: 'b.yaml',
      accepted: [{ rule: 'c.d', reason: 'known' }],
    };
    const run = { outcome: outcome([rule('c.d', 'failed')]), leftBehind: [] };
    expect(finish(run, { baseline: accepted }).code).toBe(0);
    const expired = { ...accepted, accepted: [{ rule: 'c.d', reason: 'known', expires: '2000-01-01' }] };
    expect(finish(run, { baseline: expired }).code).toBe(1);
  });

  it('is 3 when the run did not finish: interrupted, aborted, crashed, or groups left behind', () => {
    const ok = outcome([rule('a.b', 'passed')]);
    expect(finish({ outcome: ok, leftBehind: [], interrupted: 'SIGTERM' }).err).toContain(
      'interrupted by SIGTERM',
    );
    expect(finish({ outcome: ok, leftBehind: [], interrupted: 'SIGTERM' }).code).toBe(3);
    const aborted = finish({
      outcome: { ...ok, abort: { code: 'E_TARGET_UNSTABLE', message: '5 consecutive failures' } },
      leftBehind: [],
    });
    expect(aborted.code).toBe(3);
    expect(aborted.err).toContain('error: run stopped: 5 consecutive failures');
    expect(finish({ outcome: { ...ok, problems: ['suites/x: boom'] }, leftBehind: [] }).code).toBe(3);
    const left = finish({ outcome: ok, leftBehind: ['ssg-1'] });
    expect(left.code).toBe(3);
    expect(left.out).toContain('left behind: ssg-1');
    expect(finish({ leftBehind: [] }).code).toBe(3);
  });
});

describe('a run that could not evaluate the target', () => {
  const THROTTLED = '1 of 1 cases inconclusive (the request was throttled (429 Throttling.User))';
  const inconclusive = (id: string, reason = THROTTLED): RuleResult => ({
    ...rule(id, 'inconclusive'),
    reason,
  });

  it('is never conformant when a rule is inconclusive: exit 3, how many and the main reason', () => {
    const run = {
      outcome: outcome([
        rule('a.b', 'passed'),
        inconclusive('c.d'),
        inconclusive('e.f'),
        inconclusive('g.h', 'x'),
      ]),
      leftBehind: [],
    };
    const { code, out, err } = finish(run);
    expect(code).toBe(3);
    expect(out).not.toContain('verdict: conformant');
    expect(out).toContain('verdict: not evaluated (0 failed, 3 inconclusive, 1 passed of 4 rules)');
    expect(err).toContain(
      'error: run could not finish: the target could not be evaluated: 3 of 4 rule(s) inconclusive ' +
        '(mostly the request was throttled (429 Throttling.User); 1 other reason(s))',
    );
  });

  it('is 3 when every rule is inconclusive (a target that throttles everything)', () => {
    const { code, err } = finish({
      outcome: outcome([inconclusive('a.b'), inconclusive('c.d')]),
      leftBehind: [],
    });
    expect(code).toBe(3);
    expect(err).toContain('2 of 2 rule(s) inconclusive (the request was throttled (429 Throttling.User))');
  });

  it('is 3 when not one rule was evaluated, though none is inconclusive', () => {
    const { code, err } = finish({
      outcome: outcome([rule('a.b', 'not-covered'), rule('c.d', 'skipped')]),
      leftBehind: [],
    });
    expect(code).toBe(3);
    expect(err).toContain('no rule could be checked (1 not covered, 1 skipped)');
  });

  it('stays 0 with rules not covered or skipped beside passing ones', () => {
    const run = { outcome: outcome([rule('a.b', 'passed'), rule('c.d', 'not-covered')]), leftBehind: [] };
    expect(finish(run).code).toBe(0);
  });

  it('lets failures win (exit 1), with or without a baseline; a passing gate still needs every rule evaluated', () => {
    const mixed = { outcome: outcome([rule('a.b', 'failed'), inconclusive('c.d')]), leftBehind: [] };
    expect(finish(mixed).code).toBe(1);
    // The failure does not hide the inconclusive rule.
    expect(finish(mixed).out).toContain(
      'verdict: NOT conformant (1 failed, 1 inconclusive, 0 passed of 2 rules)',
    );
    const accepted = {
      kind: 'acceptance' as const,
      file: 'b.yaml',
      accepted: [{ rule: 'a.b', reason: 'known' }],
    };
    const gated = finish(mixed, { baseline: accepted });
    expect(gated.out).toContain('gate: pass');
    expect(gated.code).toBe(3);
  });
});

describe('left behind', () => {
  it('says which groups to delete by hand, and which creates may have made a group nobody found', () => {
    const lostNote = 'unknown group on d-1 (create to http://t lost its answer; look-up failed: x)';
    const { code, out, err } = finish({
      outcome: outcome([rule('a.b', 'passed')]),
      leftBehind: ['ssg-1', lostNote],
    });
    expect(code).toBe(3);
    expect(out).toContain(`left behind: ssg-1, ${lostNote}`);
    expect(err).toContain('error: 1 snapshot group(s) could not be deleted; delete them by hand');
    expect(err).toContain('error: 1 create(s) lost their answer and may have made a snapshot group');
    expect(err).toContain('possibly created, id unknown');
  });

  it('is said even when the run stopped for another reason', () => {
    const lostNote = 'unknown group on d-1 (create to http://t lost its answer; look-up failed: x)';
    const stopped = outcome([rule('a.b', 'inconclusive')], {
      abort: { code: 'E_TARGET_UNSTABLE', message: '5 consecutive failures' },
    });
    const { code, err } = finish({ outcome: stopped, leftBehind: [lostNote] });
    expect(code).toBe(3);
    expect(err).toContain('possibly created, id unknown');
    expect(err).toContain('error: run stopped: 5 consecutive failures');
  });
});

describe('progress', () => {
  const fakeTest = (
    name: string,
    state: 'passed' | 'failed' | 'skipped',
    note?: string,
    error?: { name: string; message: string },
  ) =>
    ({
      name,
      result: () => ({ state, note, errors: error ? [error] : undefined }),
      // A rule's test carries its result; the family property and cross-cutting tests do not.
      meta: () => (name.includes(':') ? { ecsRule: {} } : {}),
    }) as unknown as TestCase;
  const inconclusiveError = { name: 'Inconclusive', message: 'inconclusive: throttled (429)' };
  const fakeModule = (id: string) => ({ relativeModuleId: id }) as unknown as TestModule;

  it('prints a plain line per rule when not on a terminal, and hides the engine progress lines', () => {
    let text = '';
    const progress = new ProgressReporter({ write: (t: string) => (text += t), isTTY: false });
    progress.onTestModuleStart(fakeModule('suites/disk-state.test.ts'));
    progress.onTestCaseResult(fakeTest('disk.ever-used: x', 'passed'));
    progress.onTestCaseResult(fakeTest('disk.not-expired: y', 'skipped', 'not-covered: no expired disk'));
    progress.onTestCaseResult(fakeTest('disk.status-valid: z', 'failed'));
    progress.onTestCaseResult(fakeTest('disk.expired: w', 'failed', undefined, inconclusiveError));
    expect(progress.consume('@@ecs-conformance-progress {"done":3,"failed":1}')).toBe(false);
    expect(progress.consume('a log line of the suites')).toBe(true);
    expect(text).toBe(
      'running disk-state\n  ok   disk.ever-used: x\n  skip disk.not-expired: y (not-covered: no expired disk)\n  FAIL disk.status-valid: z\n' +
        '  inconclusive disk.expired: w (inconclusive: throttled (429))\n',
    );
    // An inconclusive rule is never called skipped.
    expect(text).not.toMatch(/skip disk\.expired/);
  });

  it('rewrites one status line on a terminal: cases done of planned, rules decided of all', () => {
    let text = '';
    const progress = new ProgressReporter({ write: (t: string) => (text += t), isTTY: true });
    progress.onTestModuleStart(fakeModule('suites/protocol.test.ts'));
    expect(text).toContain('protocol: 0 cases done, 0 failing so far');
    progress.onTestCaseResult(fakeTest('a.b: x', 'passed'));
    progress.onTestCaseResult(fakeTest('c.d: y', 'failed', undefined, inconclusiveError));
    progress.onTestCaseResult(fakeTest('protocol property', 'passed'));
    text = '';
    (progress as unknown as { lastDraw: number }).lastDraw = 0;
    progress.consume('@@ecs-conformance-progress {"done":42,"failed":2,"planned":466,"rules":85}');
    expect(text).toBe(
      '\r\u001b[2Kprotocol: 42 of 466 cases done, 2 failing so far; 2 of 85 rules decided (0 failed, 1 inconclusive)',
    );
  });

  it('shows the rate and the time left, and without a terminal prints the status once a minute', () => {
    let text = '';
    let now = 1_000_000;
    const progress = new ProgressReporter({ write: (t: string) => (text += t), isTTY: false }, () => now);
    progress.onTestModuleStart(fakeModule('suites/request-shape.test.ts'));
    const update = (done: number) =>
      progress.consume(`@@ecs-conformance-progress {"done":${done},"failed":0,"planned":10000,"rules":85}`);
    update(0);
    now += 30_000;
    update(3_000);
    expect(text).toBe('running request-shape\n'); // not yet a minute
    now += 31_000;
    update(6_100);
    expect(text).toBe(
      'running request-shape\nprogress: request-shape: 6100 of 10000 cases done (100 cases/s, about 39 s left), ' +
        '0 failing so far; 0 of 85 rules decided (0 failed, 0 inconclusive)\n',
    );
    now += 30_000;
    update(9_000);
    expect(text.match(/^progress: /gm)).toHaveLength(1); // the next one a minute after that
    now += 30_000;
    update(9_990);
    expect(text.match(/^progress: /gm)).toHaveLength(2);
    expect(progress.statusLine()).toContain('(83 cases/s, about 1 s left)');
  });
});
