import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ToolError } from '../../lib/errors.js';
import { renderConformanceJson } from '../../lib/reporting/conformance-json.js';
import { appendGithubStepSummary } from '../../lib/reporting/github-summary.js';
import { reportProblems } from '../../lib/reporting/schemas.js';
import { renderSummaryMarkdown } from '../../lib/reporting/summary-markdown.js';
import { writeReports } from '../../lib/reporting/write-reports.js';
import { expectConformanceFacts, expectSummaryFacts } from './golden-facts.js';
import { catalogue, expectGolden, type FixtureName, fixture, unredactedFixture } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reporting-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES: FixtureName[] = ['run-pass', 'run-fail', 'run-not-covered'];

describe.each(NAMES)('writers on %s', (name) => {
  it('conformance.json matches its golden file and its schema', () => {
    // From a report with raw signatures: the golden's `***` must come from the writer, not the fixture.
    const text = renderConformanceJson(unredactedFixture(name));
    expectGolden(`${name}.conformance.json`, text, (json) => expectConformanceFacts(json, fixture(name)));
    expect(reportProblems(JSON.parse(text))).toEqual([]);
  });

  it('summary.md matches its golden file', () => {
    expectGolden(`${name}.summary.md`, renderSummaryMarkdown(unredactedFixture(name)), (md) =>
      expectSummaryFacts(md, fixture(name)),
    );
  });

  it('writes both files, each conformance.json valid against spec/report.schema.json', () => {
    const out = join(dir, name);
    const written = writeReports(fixture(name), out, catalogue());
    expect(written.files).toEqual([join(out, 'conformance.json'), join(out, 'summary.md')]);
    const json = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8'));
    expect(reportProblems(json)).toEqual([]);
    expect(json.errorRows).toHaveLength(catalogue().errorRows.length);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(renderSummaryMarkdown(written.report));
  });
});

describe('deterministic output', () => {
  it('gives the same bytes whatever order the engine produced rules, findings and samples in', () => {
    const shuffled = fixture('run-fail');
    shuffled.rules.reverse();
    for (const rule of shuffled.rules) {
      rule.findings.reverse();
      rule.samples.reverse();
    }
    shuffled.leftBehind.reverse();
    expect(renderConformanceJson(shuffled)).toBe(renderConformanceJson(fixture('run-fail')));
    expect(renderSummaryMarkdown(shuffled)).toBe(renderSummaryMarkdown(fixture('run-fail')));
  });
});

describe('renderConformanceJson', () => {
  it('throws E_INTERNAL on a report that breaks the schema (a bug in the tool)', () => {
    const broken = { ...fixture('run-pass'), surprise: true } as unknown as ReturnType<typeof fixture>;
    expect(() => renderConformanceJson(broken)).toThrow(ToolError);
    try {
      renderConformanceJson(broken);
    } catch (error) {
      expect((error as ToolError).code).toBe('E_INTERNAL');
      expect((error as Error).message).toContain('surprise');
    }
  });

  it('does not write anything when the report is invalid', () => {
    const broken = fixture('run-pass');
    (broken.totals as { passed: number }).passed = -1;
    const out = join(dir, 'broken');
    expect(() => writeReports(broken, out)).toThrow(/totals\/passed/);
    expect(() => readFileSync(join(out, 'summary.md'))).toThrow();
  });
});

describe('summary.md content', () => {
  const md = renderSummaryMarkdown(fixture('run-fail'));
  it('starts with the verdict and counts must and should failures', () => {
    expect(md).toContain(
      '**❌ verdict: NOT conformant (3 failed, 0 inconclusive, 7 passed of 10 rules)** Failed: 3 must, 0 should.',
    );
  });
  it('shows each failure with expected versus actual, its findings and its replay command', () => {
    const section = md.slice(md.indexOf('### ❌ `name.max-length`'));
    expect(section).toContain('- expected: `InvalidParameter.Name 400 or InvalidSnapshotName.Malformed 400`');
    expect(section).toContain('- actual: `success 200`');
    expect(section).toContain('A 300-character Name was accepted');
    expect(section).toContain(
      'npx ecs-conformance run --target http://127.0.0.1:18080 --seed 42 --only name.max-length --case name.max-length/boundary/3',
    );
  });
  it('escapes target text that would break a table row', () => {
    expect(md).toContain('\\`ssg-bp1a2b3c4d5e6f7g8h9i\\` \\| check cleanup');
  });
  it('lists the snapshot groups left behind', () => {
    expect(md).toMatch(/2 snapshot groups created and not deleted[\s\S]*- `ssg-bp1aaaa`\n- `ssg-bp1zzzz`/);
  });
  it('says why rules were not covered', () => {
    const open = renderSummaryMarkdown(fixture('run-not-covered'));
    expect(open).toContain('no disk in the world is attached-but-never-used');
    // An inconclusive rule leaves the target not evaluated (exit 3): never "conformant".
    expect(open).toContain(
      '**❔ verdict: not evaluated (0 failed, 1 inconclusive, 7 passed, 1 not covered, 1 skipped of 10 rules)**',
    );
  });
});

describe('summary.md rows explain themselves', () => {
  it("shows a sample's own expectation next to its answer when it expected another rule's error", () => {
    const report = fixture('run-pass');
    const rule = report.rules.find((r) => r.verdict === 'passed' && r.samples.length > 0);
    const sample = rule?.samples[0];
    if (rule === undefined || sample === undefined)
      throw new Error('run-pass has no passed rule with a sample');
    const expected = rule.expected.kind === 'error' ? rule.expected : undefined;
    Object.assign(sample, {
      id: `${rule.id}/multi-fault/0`,
      kind: 'multi-fault',
      expected: { kind: 'error', code: 'InvalidTagValue.Malformed', status: 400 },
      actual: { status: 400, code: 'InvalidTagValue.Malformed' },
    });
    const row = renderSummaryMarkdown(report)
      .split('\n')
      .find((line) => line.startsWith(`| \`${rule.id}\` `));
    expect(row).toContain(
      `→ \`InvalidTagValue.Malformed 400\` (sample \`${rule.id}/multi-fault/0\` expects \`InvalidTagValue.Malformed 400\`)`,
    );
    expect(expected === undefined || row?.includes(`\`${expected.code} 400\` →`)).toBe(true);
  });

  it("shows a passed rule's remark: what it could not observe", () => {
    const report = fixture('run-pass');
    const rule = report.rules.find((r) => r.verdict === 'passed' && r.samples.length > 0);
    if (rule === undefined) throw new Error('run-pass has no passed rule with a sample');
    rule.reason = 'IdempotentProcessing itself was not observed';
    expect(renderSummaryMarkdown(report)).toMatch(
      new RegExp(
        `\\| \`${rule.id.replace(/\./g, '\\.')}\` .*→ .*\\(IdempotentProcessing itself was not observed\\) \\|`,
      ),
    );
  });
});

describe('appendGithubStepSummary', () => {
  it('appends to the file named by GITHUB_STEP_SUMMARY', () => {
    const file = join(dir, 'step-summary.md');
    writeFileSync(file, 'earlier step\n');
    expect(appendGithubStepSummary('# run', { GITHUB_STEP_SUMMARY: file })).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('earlier step\n# run\n');
  });
  it('does nothing when the variable is unset', () => {
    expect(appendGithubStepSummary('# run', {})).toBeUndefined();
  });
});
