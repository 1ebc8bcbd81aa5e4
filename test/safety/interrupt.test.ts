import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { loadSpec } from '../../lib/spec/load.js';
import { removeDir, startCli, tempDir, waitForOutput } from '../hostile/cli.js';
import type { LoopbackServer } from '../hostile/loopback.js';
import { startProxy } from '../hostile/proxy.js';
import { CreateCounter, describedGroups } from './target-state.js';

// A run is stopped half-way, while groups it created are still being snapshotted, and must leave the
// account exactly as it found it: every group deleted, and an empty "left behind" list.
const spec = loadSpec();
const opened: Array<LoopbackServer | RunningEmulator> = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function halfWayRun(signals: NodeJS.Signals[], holdCreateAnswersMs: number) {
  const emulator = await startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    snapshotDurationMs: 1_500,
  });
  opened.push(emulator);
  const creates = new CreateCounter();
  const proxy = await startProxy(emulator.url, {
    onAnswer: creates.onAnswer,
    holdAnswerMs: (r) => (r.action === 'CreateSnapshotGroup' ? holdCreateAnswersMs : 0),
  });
  opened.push(proxy);
  const cwd = tempDir('interrupt');
  dirs.push(cwd);
  const args = ['run', '--target', proxy.url, '--only', 'state,valid', '--runs', '2', '--rate', '0'];
  const run = startCli([...args, '--max-creates', '1000', '--report-dir', join(cwd, 'reports')], {
    cwd,
    killAfterMs: 90_000,
  });
  // Half-way: the suites are running and groups exist (each stays in progress for 1.5 s).
  const deadline = performance.now() + 60_000;
  while (creates.groups.size < 2 && performance.now() < deadline && run.child.exitCode === null)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(creates.groups.size, run.output().stderr).toBeGreaterThanOrEqual(2);
  expect(emulator.state.groupCount).toBeGreaterThan(0);
  for (const [i, signal] of signals.entries()) {
    if (i > 0) await waitForOutput(run, (out) => out.stderr.includes('stopping the run'), 10_000);
    run.child.kill(signal);
  }
  const result = await run.done;
  return { emulator, creates, result };
}

describe('interrupting a run half-way leaves nothing behind', () => {
  // Create answers are held 300 ms at the proxy: when the signal comes, creates the target has already
  // carried out are still on their way back to the tool. Their groups must be deleted all the same.
  it.each([
    ['SIGINT', ['SIGINT']],
    ['SIGTERM', ['SIGTERM']],
    ['SIGINT twice (stop now)', ['SIGINT', 'SIGINT']],
  ] as Array<[string, NodeJS.Signals[]]>)(
    '%s',
    async (_, signals) => {
      const { emulator, creates, result } = await halfWayRun(signals, 300);
      const first = signals[0] as string;
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toContain(`${first}: stopping the run and deleting the groups it created`);
      expect(result.stderr).toContain(`error: run interrupted by ${first}`);
      expect(result.stdout).toMatch(/^left behind: none$/m);
      // Asked as a user would, the target holds no group of any account in any region.
      expect(await describedGroups(emulator, spec.world)).toEqual([]);
      expect(emulator.state.groupCount).toBe(0);
      expect(creates.groups.size).toBeGreaterThanOrEqual(2);
    },
    120_000,
  );
});
