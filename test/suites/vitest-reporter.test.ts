import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskMeta } from 'vitest';
import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import type { Finding } from '../../lib/checks/finding.js';
import type { CaseRecord, RuleResult, RunReport } from '../../lib/runner/result.js';
import { RuleTally, type TallyData } from '../../lib/runner/tally.js';
import type { Rule } from '../../lib/spec/catalogue.js';
import { loadCatalogue } from '../../lib/spec/load.js';
import type { FamilyOutcome, ReporterOutcome, RunInfo } from '../../suites/support/run-contract.js';
import { ConformanceReporter, familyTimings, wallTimings } from '../../suites/support/vitest-reporter.js';

const catalogue = loadCatalogue();
const rule = (id: string): Rule => {
  const found = catalogue.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

const run: RunInfo = {
  target: { url: 'http://127.0.0.1:1/', embedded: true },
  world: { name: 'default', file: '/fixtures/default.world.yaml' },
  profile: 'doc-2024',
  seed: 7,
  runs: 2,
  transports: [{ signature: 'v2', method: 'POST', body: 'form', format: 'JSON' }],
  startedAt: '2026-01-01T00:00:00.000Z',
};

const result = (id: string, verdict: RuleResult['verdict'], extra: Partial<RuleResult> = {}): RuleResult => {
  const r = rule(id);
  return {
    id,
    family: r.family,
    title: r.title,
    level: r.level,
    source: r.source,
    expected: r.expected,
    verdict,
    casesRun: 2,
    casesFailed: verdict === 'failed' ? 1 : 0,
    findings: [],
    samples: [],
    ...extra,
  };
};

const finding = (ruleId: string, caseId: string): Finding => ({
  check: 'errorCodeMatchesRule',
  rule: ruleId,
  caseId,
  message: 'wrong code',
  expected: 'InvalidParameter.Name 400',
  actual: 'InvalidParameter 400',
});

interface FakeTest {
  meta: TaskMeta;
  state: 'passed' | 'failed' | 'skipped';
  error?: string;
}

function fakeModule(meta: TaskMeta, tests: FakeTest[], errors: string[] = []): TestModule {
  const testCases = tests.map((t, i) => ({
    fullName: `test ${i}`,
    meta: () => t.meta,
    result: () => ({ state: t.state, errors: t.error ? [{ message: t.error }] : undefined }),
  }));
  const module = {
    relativeModuleId: 'suites/fake.test.ts',
    meta: () => meta,
    errors: () => errors.map((message) => ({ message })),
    children: {
      *allTests() {
        yield* testCases;
      },
    },
  };
  return module as unknown as TestModule;
}

const family = (extra: Partial<FamilyOutcome>): FamilyOutcome => ({
  family: 'request-shape',
  run,
  rules: [],
  requests: 10,
  cases: 4,
  generationMs: 5,
  executionMs: 20,
  leftBehind: [],
  ...extra,
});

async function report(modules: TestModule[], finalize?: () => Promise<string[]>) {
  const reportDir = mkdtempSync(join(tmpdir(), 'ecs-reporter-'));
  const stepSummary = join(reportDir, 'step-summary.md');
  let outcome: ReporterOutcome | undefined;
  const reporter = new ConformanceReporter({
    version: '9.9.9',
    reportDir,
    fallbackRun: { ...run, seed: 0 },
    loadCatalogue: () => catalogue,
    ...(finalize && { finalize }),
    onReport: (o) => {
      outcome = o;
    },
    env: { GITHUB_STEP_SUMMARY: stepSummary },
  });
  await reporter.onTestRunEnd(modules, [], 'passed');
  expect(reporter.failure).toBeUndefined();
  if (!outcome) throw new Error('no outcome');
  return { outcome, reportDir };
}

describe('the wall-time breakdown', () => {
  it('counts the cases drawn during the run as generation, not execution, and planning before the session', () => {
    const opened = Date.parse(run.startedAt);
    const report = {
      startedAt: run.startedAt,
      timings: { startupMs: 0, generationMs: 900, executionMs: 0, reportingMs: 0 },
    };
    // Planned for 100 ms before the session opened; 800 ms of draws while the 5 s of tests ran; a 1 s sweep.
    wallTimings(report as RunReport, { ...run, planningMs: 100 }, opened - 1_600, opened + 5_000, 1_000);
    expect(report.timings).toEqual({
      startupMs: 1_500,
      generationMs: 900,
      executionMs: 5_200,
      reportingMs: 0,
    });
  });
});

describe('per-family timings (issue 20: where a large run spends its time)', () => {
  const share = (family: FamilyOutcome['family'], n: number): FamilyOutcome => ({
    family,
    run,
    rules: [],
    requests: 3 * n,
    cases: 2 * n,
    generationMs: 10.4 * n,
    executionMs: 100.4 * n,
    leftBehind: [],
  });

  it('adds up the shares of a family (shards merged) and lists families in catalogue order', () => {
    const timings = familyTimings([share('valid', 1), share('request-shape', 2), share('valid', 3)]);
    expect(Object.keys(timings)).toEqual(['request-shape', 'valid']);
    expect(timings.valid).toEqual({ cases: 8, requests: 12, generationMs: 10 + 31, executionMs: 100 + 301 });
    expect(timings['request-shape']).toEqual({ cases: 4, requests: 6, generationMs: 21, executionMs: 201 });
  });
});

describe('the conformance reporter', () => {
  it('assembles the RunReport from task meta and writes conformance.json in the same order', async () => {
    const shape = fakeModule(
      { ecsFamily: family({ rules: ['name.max-length', 'name.min-length', 'region.required'] }) },
      [
        { meta: { ecsRule: result('name.max-length', 'passed') }, state: 'passed' },
        {
          meta: {
            ecsRule: result('name.min-length', 'failed', { findings: [finding('name.min-length', 'c/1')] }),
          },
          state: 'failed',
        },
        {
          meta: { ecsRule: result('region.required', 'not-covered', { reason: 'no world' }) },
          state: 'skipped',
        },
        { meta: { ecsProperty: { family: 'request-shape', seed: 3, numRuns: 2 } }, state: 'passed' },
      ],
    );
    const { outcome, reportDir } = await report([shape], async () => ['ssg-left']);
    const written = JSON.parse(
      readFileSync(join(reportDir, 'conformance.json'), 'utf8'),
    ) as typeof outcome.report;
    expect(written.seed).toBe(7);
    expect(written.tool.version).toBe('9.9.9');
    expect(written.totals).toMatchObject({
      rules: 3,
      passed: 1,
      failed: 1,
      notCovered: 1,
      cases: 4,
      requests: 10,
    });
    expect(written.leftBehind).toEqual(['ssg-left']);
    expect(written.errorRows.length).toBeGreaterThan(0);
    // The CLI prints the report exactly as written.
    expect(written.rules.map((r) => r.id)).toEqual(outcome.report.rules.map((r) => r.id));
    expect(outcome.problems).toEqual([]);
    expect(outcome.files).toContain(join(reportDir, 'summary.md'));
    expect(readFileSync(join(reportDir, 'step-summary.md'), 'utf8')).toContain('name.min-length');
  });

  it('adds up the shares of the cross-cutting rules that every suite file (every shard) recorded', async () => {
    const id = 'valid.error-body';
    const sample = (caseId: string, findings: Finding[]): CaseRecord => ({
      id: caseId,
      kind: 'invalid',
      description: caseId,
      transport: run.transports[0] as CaseRecord['transport'],
      expected: rule(id).expected,
      actual: { status: 400, code: 'InvalidParameter' },
      findings,
      request: { method: 'POST', url: 'http://127.0.0.1:1/', headers: {}, body: '' },
      reproduce: { command: 'ecs-conformance replay', curl: 'curl' },
    });
    const share = (cases: string[], failing: string[]): TallyData => {
      const tally = new RuleTally();
      for (const caseId of cases) {
        tally.casesRun += 1;
        if (failing.includes(caseId)) {
          tally.casesFailed += 1;
          tally.addFindings(id, [finding(id, caseId)]);
          tally.addFailing(id, [sample(caseId, [finding(id, caseId)])]);
        } else if (tally.wantsPassingSample(id, caseId)) tally.passing = sample(caseId, []);
      }
      return tally.toData();
    };
    const shape = fakeModule(
      {
        ecsFamily: family({
          crossCutting: { [id]: share(['name.min-length/a/0', 'name.min-length/a/1'], []) },
        }),
      },
      [],
    );
    const valid = fakeModule(
      {
        ecsFamily: family({
          family: 'valid',
          rules: [id],
          crossCutting: { [id]: share(['valid.error-body/a/0', 'disk.exists/a/0'], ['disk.exists/a/0']) },
        }),
      },
      // What the valid file saw itself when its test ran: its own cases only.
      [{ meta: { ecsRule: result(id, 'failed', { casesRun: 2, casesFailed: 1 }) }, state: 'failed' }],
    );
    for (const order of [
      [shape, valid],
      [valid, shape],
    ]) {
      const reported = (await report(order)).outcome.report.rules.find((r) => r.id === id);
      expect(reported).toMatchObject({ verdict: 'failed', casesRun: 4, casesFailed: 1 });
      expect(reported?.findings.map((f) => f.caseId)).toEqual(['disk.exists/a/0']);
      expect(reported?.samples.map((sample) => sample.id)).toEqual([
        'disk.exists/a/0',
        'valid.error-body/a/0',
      ]);
    }
  });

  it("turns a property's shrunk counterexample into a failure of the rules its findings name", async () => {
    const shape = fakeModule({ ecsFamily: family({ rules: ['name.max-length'] }) }, [
      { meta: { ecsRule: result('name.max-length', 'passed') }, state: 'passed' },
      {
        meta: {
          ecsProperty: {
            family: 'request-shape',
            seed: 3,
            numRuns: 2,
            failure: {
              rule: 'name.max-length',
              caseId: 'name.max-length/random/0~p',
              message: 'Name of 129 characters',
              findings: [finding('name.max-length', 'name.max-length/random/0~p')],
            },
          },
        },
        state: 'failed',
      },
    ]);
    const { outcome } = await report([shape]);
    const merged = outcome.report.rules.find((r) => r.id === 'name.max-length');
    expect(merged?.verdict).toBe('failed');
    expect(merged?.findings).toHaveLength(1);
    expect(outcome.problems).toEqual([]);
  });

  it('reports rules that never reported as inconclusive, and passes an abort and crashes on', async () => {
    const abort = { code: 'E_TARGET_UNSTABLE', message: '5 consecutive requests failed' };
    const shape = fakeModule(
      { ecsFamily: family({ rules: ['name.max-length', 'region.required'], abort }) },
      [{ meta: {}, state: 'failed', error: 'beforeAll hook crashed' }],
      ['TypeError: boom'],
    );
    const { outcome } = await report([shape]);
    expect(outcome.abort).toEqual(abort);
    expect(outcome.report.rules.map((r) => [r.id, r.verdict])).toEqual([
      ['name.max-length', 'inconclusive'],
      ['region.required', 'inconclusive'],
    ]);
    expect(outcome.report.rules[0]?.reason).toContain('5 consecutive requests failed');
    expect(outcome.problems.join('\n')).toContain('TypeError: boom');
    expect(outcome.problems.join('\n')).toContain('beforeAll hook crashed');
  });

  it('uses the fallback run facts when no suite file recorded any', async () => {
    const { outcome } = await report([]);
    expect(outcome.report.seed).toBe(0);
    expect(outcome.report.totals.rules).toBe(0);
  });
});
