import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../lib/runner/index.js';
import { SHOWN_TEXT_MAX, TARGET_TEXT_MAX } from '../../lib/shown-text.js';
import { type CliResult, removeDir, runCli, tempDir } from './cli.js';
import type { LoopbackServer } from './loopback.js';
import { LONG_CODE, longCodeTarget, wrongCodeTarget } from './targets.js';

// Text a target sends is bounded before anything processes it, and what processes it is linear: a
// Code of 60,000 spaces once made a 4-second run take 3 minutes (a backtracking regex in summary.md).
const ONLY = ['--only', 'name.max-length,disk.exists', '--runs', '1'];
const CUT = `[cut: ${LONG_CODE.length} characters in all]`;
/** Widest line any writer may make of one finding: its texts are bounded, whatever the target sent. */
const WIDEST_LINE = 2 * SHOWN_TEXT_MAX;

const opened: LoopbackServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  for (const dir of dirs) removeDir(dir);
});

async function runAgainst(started: Promise<LoopbackServer>): Promise<{ result: CliResult; dir: string }> {
  const target = await started;
  opened.push(target);
  const dir = tempDir('long-text');
  dirs.push(dir);
  const args = ['run', '--target', target.url, ...ONLY, '--report-dir', dir];
  return { result: await runCli(args, { cwd: dir, killAfterMs: 300_000 }), dir };
}

describe('a target whose Code and Message are 60,000 spaces between two letters', () => {
  it('costs the run at most twice the time of the same run with a short Code, and shows the Code cut', async () => {
    // Side by side, started together so that both share whatever else loads the machine; only the ratio
    // is compared. Before the fix the long run took 8 times the short one (77 s against 10 s).
    const [normal, long] = await Promise.all([runAgainst(wrongCodeTarget()), runAgainst(longCodeTarget())]);
    expect(normal.result.code, normal.result.stderr).toBe(1);
    expect(long.result.code, long.result.stderr).toBe(1);

    // Behaviour first: what is shown is the bounded text, marked cut, in every writer.
    const summary = readFileSync(join(long.dir, 'summary.md'), 'utf8');
    expect(summary).toContain(CUT);
    expect(long.result.stdout).toContain(CUT);
    for (const text of [summary, long.result.stdout, long.result.stderr])
      expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThan(WIDEST_LINE);
    const report = JSON.parse(readFileSync(join(long.dir, 'conformance.json'), 'utf8')) as RunReport;
    const findings = report.rules.flatMap((rule) => rule.findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings)
      for (const text of [finding.message, finding.expected, finding.actual])
        expect(text.length).toBeLessThan(3 * TARGET_TEXT_MAX);

    const ratio = long.result.durationMs / normal.result.durationMs;
    expect(
      ratio,
      `long Code ${Math.round(long.result.durationMs)} ms, short ${Math.round(normal.result.durationMs)} ms`,
    ).toBeLessThan(2);
  }, 600_000);
});
