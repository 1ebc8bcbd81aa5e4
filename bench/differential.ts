// Differential run cost (issue 17.5): the default run, then the same run with a second embedded emulator
// as the reference (`run --reference embedded`: every case goes to both sides concurrently), timed as
// child processes from spawn to exit, alternately so that both see the same machine. Goal: the
// differential run takes at most 2.2 times the wall time of the single run.
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureCli, readReport } from './cli-measure.js';

export const GOAL_RATIO = 2.2;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export interface DifferentialBench {
  singleMs: number;
  differentialMs: number;
  ratio: number;
  goalMet: boolean;
}

async function timed(args: string[], log: (line: string) => void, name: string): Promise<number> {
  const run = await measureCli(args);
  if (run.code !== 0 && run.code !== 1)
    throw new Error(`${name}: the CLI exited ${run.code}: ${run.stderr.split('\n').slice(-5).join(' | ')}`);
  const report = readReport(run.reportDir);
  const compared =
    report.differential === undefined
      ? ''
      : `, ${report.differential.compared} compared, ${report.differential.disagreeing} disagreeing`;
  log(
    `  ${name}: wall ${secs(run.wallMs)} (exit ${run.code}), ${report.totals.cases} cases, ${report.totals.requests} requests${compared}`,
  );
  rmSync(join(run.reportDir, '..'), { recursive: true, force: true });
  return run.wallMs;
}

export async function benchDifferential(
  options: { quick?: boolean; log?: (line: string) => void } = {},
): Promise<DifferentialBench> {
  const log = options.log ?? ((line: string) => console.log(line));
  log(`differential run of the default set, both sides embedded, ${availableParallelism()} cores`);
  const single: number[] = [];
  const differential: number[] = [];
  for (let i = 0; i < (options.quick ? 1 : 2); i++) {
    single.push(await timed(['run'], log, `single run ${i + 1}`));
    differential.push(await timed(['run', '--reference', 'embedded'], log, `differential run ${i + 1}`));
  }
  const singleMs = Math.min(...single);
  const differentialMs = Math.min(...differential);
  const ratio = differentialMs / singleMs;
  const goalMet = ratio <= GOAL_RATIO;
  log(
    `  best walls: single ${secs(singleMs)}, differential ${secs(differentialMs)}: ratio ${ratio.toFixed(2)} ` +
      `(goal <= ${GOAL_RATIO}: ${goalMet ? 'met' : 'NOT met'})`,
  );
  return { singleMs, differentialMs, ratio, goalMet };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchDifferential({ quick: process.argv.includes('--quick') }).catch((error: unknown) => {
    console.error(`differential benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
