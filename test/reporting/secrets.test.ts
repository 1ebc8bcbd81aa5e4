import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerSecret } from '../../lib/client/redact.js';
import { allureMetaForRule } from '../../lib/reporting/allure.js';
import { runCompareCommand } from '../../lib/reporting/compare-command.js';
import { diffReports } from '../../lib/reporting/diff.js';
import { renderDiff } from '../../lib/reporting/diff-render.js';
import { appendGithubStepSummary } from '../../lib/reporting/github-summary.js';
import { reportProblems } from '../../lib/reporting/schemas.js';
import { writeReports } from '../../lib/reporting/write-reports.js';
import type { RunReport } from '../../lib/runner/result.js';
import { catalogue, fixture } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reporting-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'Rep0rt/Secret+Value=42';
const SIGNATURE = 'c2lnbmF0dXJlLXZhbHVl';
const SPELLINGS = [SECRET, encodeURIComponent(SECRET), 'Rep0rt%2FSecret%2BValue%3D42', SIGNATURE];

/** A report where a careless engine left the secret (and a signature) in every free-text field. */
function leakyReport(): RunReport {
  registerSecret(SECRET);
  const report = fixture('run-fail');
  report.world.name = `world ${SECRET}`;
  for (const rule of report.rules) {
    rule.title = `${rule.title} ${SECRET}`;
    for (const finding of rule.findings) finding.message = `${finding.message} (key ${SECRET})`;
    for (const sample of rule.samples) {
      sample.request.url = `${sample.request.url}?AccessKeySecret=${encodeURIComponent(SECRET)}&Signature=${SIGNATURE}`;
      sample.request.body = `${sample.request.body}&Signature=${SIGNATURE}`;
      sample.request.headers.authorization = `ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=${SIGNATURE}`;
      sample.reproduce.curl = `curl -d 'Secret=${SECRET}'`;
      if (sample.response) sample.response.body = `{"Echo":"${SECRET}","Signature":"${SIGNATURE}"}`;
      if (sample.actual.transportError) sample.actual.transportError = `refused ${SECRET}`;
    }
  }
  report.leftBehind.push(`ssg-${SECRET}`);
  return report;
}

function expectClean(name: string, text: string): void {
  for (const spelling of SPELLINGS) {
    expect(text.includes(spelling), `${name} contains ${spelling}`).toBe(false);
  }
  expect(text).toContain('***');
}

describe('no secret in any written file', () => {
  it('conformance.json and summary.md are scrubbed, and still valid', () => {
    const out = join(dir, 'run');
    writeReports(leakyReport(), out, catalogue());
    const json = readFileSync(join(out, 'conformance.json'), 'utf8');
    expectClean('conformance.json', json);
    expect(reportProblems(JSON.parse(json))).toEqual([]);
    expectClean('summary.md', readFileSync(join(out, 'summary.md'), 'utf8'));
  });

  it('the GitHub step summary is scrubbed even when handed raw text', () => {
    const file = join(dir, 'step-summary.md');
    writeFileSync(file, '');
    appendGithubStepSummary(`leak: ${SECRET}`, { GITHUB_STEP_SUMMARY: file });
    expectClean('step summary', readFileSync(file, 'utf8'));
  });

  it('compare.md, compare.html and the diff text are scrubbed', () => {
    const leaky = join(dir, 'leaky.json');
    writeFileSync(leaky, JSON.stringify(leakyReport()));
    const { files } = runCompareCommand([leaky], join(dir, 'compare'));
    // The loop below passes on no file: both pages must have been written.
    expect(files.map((f) => f.split(/[\\/]/).pop()).sort()).toEqual(['compare.html', 'compare.md']);
    for (const file of files) expectClean(file, readFileSync(file, 'utf8'));
    const report = leakyReport();
    report.target.url = `http://127.0.0.1:1/?AccessKeySecret=${SECRET}`;
    expectClean('diff', renderDiff(diffReports(fixture('run-pass'), report)));
  });

  it('Allure metadata and attachments are scrubbed', () => {
    const rules = leakyReport().rules;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expectClean(`allure ${rule.id}`, JSON.stringify(allureMetaForRule(rule)));
    }
  });
});
