import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBuilt, type CliResult, type LoopbackTarget, loopbackTarget, runCli } from './helpers/cli.js';

// Two CLI runs (run, then compare) as child processes: generous on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * A target that throttles every request carrying a ClientToken (idempotency.processing: inconclusive,
 * the target never evaluated it) and refuses everything else with a code the page does not give for a
 * missing RegionId (region.required: failed).
 */
let target: LoopbackTarget;
let cwd = '';
let run: CliResult;
const reports = () => join(cwd, 'reports');
const SENTENCE = 'NOT conformant (1 failed, 1 inconclusive, 0 passed of 2 rules)';

beforeAll(async () => {
  assertBuilt();
  target = await loopbackTarget((req, body, res) => {
    const answer = (status: number, code: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers }).end(
        JSON.stringify({
          RequestId: crypto.randomUUID().toUpperCase(),
          HostId: 'h',
          Code: code,
          Message: 'm',
        }),
      );
    if (`${req.url} ${body}`.includes('ClientToken')) answer(429, 'Throttling.User', { 'retry-after': '0' });
    else answer(400, 'InvalidParameter');
  });
  cwd = mkdtempSync(join(tmpdir(), 'ecs-one-verdict-'));
  run = await runCli(
    // The throttled duplicates must leave a rule inconclusive, not trip the breaker (tested elsewhere).
    [
      'run',
      '--target',
      target.url,
      '--only',
      'idempotency.processing,region.required',
      '--rate',
      '0',
      '--max-transport-failures',
      '1000',
    ],
    { cwd },
  );
});

afterAll(async () => {
  await target.close();
});

describe('one run with a failed and an inconclusive rule', () => {
  it('says the same verdict sentence in every output', async () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`verdict: ${SENTENCE}\n`);
    expect(readFileSync(join(reports(), 'summary.md'), 'utf8')).toContain(`verdict: ${SENTENCE}**`);
    const json = JSON.parse(readFileSync(join(reports(), 'conformance.json'), 'utf8'));
    expect(json.verdict).toEqual({ status: 'not-conformant', sentence: SENTENCE });
    expect(readFileSync(join(reports(), 'junit.xml'), 'utf8')).toContain(
      `<testsuites name="ecs-conformance: ${SENTENCE}"`,
    );
    expect(readFileSync(join(reports(), 'allure-results', 'environment.properties'), 'utf8')).toContain(
      `verdict=${SENTENCE}\n`,
    );
    const compared = await runCli(['compare', join(reports(), 'conformance.json'), '--out', 'compare'], {
      cwd,
    });
    expect(compared.code).toBe(0);
    expect(readFileSync(join(cwd, 'compare', 'compare.md'), 'utf8')).toContain(SENTENCE);
    expect(readFileSync(join(cwd, 'compare', 'compare.html'), 'utf8')).toContain(SENTENCE);
  });

  it('shows the inconclusive rule as such, with its reason: never skipped', () => {
    const reason = /inconclusive: 2 of 2 cases inconclusive \(prelude request 1 was throttled/;
    expect(run.stderr).toMatch(/^ {2}inconclusive idempotency\.processing: .*\(inconclusive: /m);
    expect(run.stderr).not.toMatch(/skip\s+idempotency\.processing/);
    // JUnit: an <error> (the test could not reach a verdict), counted as one, not a failure or a skip.
    const junit = readFileSync(join(reports(), 'junit.xml'), 'utf8');
    const testcase = /<testcase [^>]*name="idempotency\.processing:[^"]*"[^>]*>([\s\S]*?)<\/testcase>/.exec(
      junit,
    )?.[1];
    expect(testcase).toMatch(/<error message="inconclusive: [^"]*" type="Inconclusive">/);
    expect(testcase).toMatch(reason);
    expect(testcase).not.toContain('<skipped');
    expect(testcase).not.toContain('<failure');
    expect(junit).toMatch(/<testsuites [^>]*failures="1" errors="1"/);
    expect(junit).toMatch(/<testsuite name="suites\/idempotency\.test\.ts"[^>]*failures="0" errors="1"/);
    // Allure: "broken" with the reason as its status message; the failed rule stays "failed".
    const dir = join(reports(), 'allure-results');
    const results = readdirSync(dir)
      .filter((file) => file.endsWith('-result.json'))
      .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const story = (id: string) =>
      results.find((r) =>
        r.labels.some((l: { name: string; value: string }) => l.name === 'story' && l.value === id),
      );
    expect(story('idempotency.processing')?.status).toBe('broken');
    expect(story('idempotency.processing')?.statusDetails.message).toMatch(reason);
    expect(story('region.required')?.status).toBe('failed');
  });
});
