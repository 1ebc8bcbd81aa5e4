// `npm run bench:hostile`: the whole suite (the CLI as a user runs it, --timeout 2000, every other
// option at its default for a --target) against each misbehaviour of test/hostile, one after the other.
// Per target: wall time, requests the target received, exit code, the verdict or stop line, and whether
// anything leaked (a secret or Signature in any output; a group left on the upstream emulator).
// Goal (issue 14, item 8): each run ends on its own within 90 s with exit 1 or 3, nothing leaked.
// `--only name,name` runs some targets; `--list` names them.
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '../emulator/index.js';
import { loadProfile } from '../lib/spec/load.js';
import { removeDir, runCli, tempDir } from '../test/hostile/cli.js';
import { deepAnswerTarget } from '../test/hostile/deep-targets.js';
import type { LoopbackServer } from '../test/hostile/loopback.js';
import {
  chunkedGarbageTarget,
  echoingTarget,
  flappingTarget,
  htmlErrorTarget,
  hugeBodyTarget,
  invalidJsonTarget,
  invalidXmlTarget,
  midBodyCloseTarget,
  recordingTarget,
  redirectTarget,
  resetTarget,
  silentTarget,
  slowTarget,
  throttlingTarget,
  wrongContentLengthTarget,
} from '../test/hostile/targets.js';
import { flappingConnectionTarget } from '../test/hostile/unstable-targets.js';
import { findLeaks, type Secret, signaturesOf, writtenFiles } from '../test/safety/scan.js';
import { describedGroups } from '../test/safety/target-state.js';
import { KNOWN, KNOWN_ENV, writeKnownWorld } from '../test/safety/world.js';

export const GOAL_MS = 90_000;
const TIMEOUT_MS = 2_000;
/** A run still going after this is killed and reported as such. */
const KILL_AFTER_MS = 150_000;

type Start = (upstream: string) => Promise<LoopbackServer>;
const TARGETS: ReadonlyArray<[name: string, start: Start]> = [
  ['throttles 503 Retry-After 1', () => throttlingTarget({ status: 503, retryAfter: '1' })],
  ['resets every other connection', (upstream) => flappingConnectionTarget(upstream)],
  ['answers 10 MiB', () => hugeBodyTarget()],
  ['throttles 429', () => throttlingTarget({ status: 429 })],
  ['never answers', () => silentTarget()],
  ['answers after the timeout', () => slowTarget(3 * TIMEOUT_MS)],
  ['closes mid-body', () => midBodyCloseTarget()],
  ['resets every connection', () => resetTarget()],
  ['wrong Content-Length', () => wrongContentLengthTarget()],
  ['chunked garbage', () => chunkedGarbageTarget()],
  ['invalid JSON', () => invalidJsonTarget()],
  ['invalid XML', () => invalidXmlTarget()],
  ['HTML error page', () => htmlErrorTarget()],
  ['deep JSON (20000 levels)', () => deepAnswerTarget('json')],
  ['deep XML (20000 levels)', () => deepAnswerTarget('xml')],
  [
    'redirects elsewhere',
    async () => {
      const other = await elsewhere();
      return redirectTarget((path) => `${other.url}${path}`);
    },
  ],
  ['wrong answer to every other create', (upstream) => flappingTarget(upstream)],
  ['echoes each request', (upstream) => echoingTarget(upstream)],
];

let recorder: LoopbackServer | undefined;
/** Where redirects point: it must receive nothing. */
async function elsewhere(): Promise<LoopbackServer> {
  recorder ??= await recordingTarget();
  return recorder;
}

export interface HostileRun {
  target: string;
  wallMs: number;
  requests: number;
  code: number | null;
  verdict: string;
  leaks: string[];
  groupsLeft: number;
}

/** The line that says how the run ended: the verdict, else the stop reason, else the last error. */
function verdictLine(stdout: string, stderr: string): string {
  const lines = `${stdout}\n${stderr}`.split('\n');
  return (
    lines.find((line) => line.startsWith('verdict:')) ??
    lines.find((line) => line.startsWith('error: run stopped:')) ??
    lines.filter((line) => line.startsWith('error:')).at(-1) ??
    '(none)'
  );
}

async function runAgainst(
  name: string,
  start: Start,
  emulator: RunningEmulator,
  worldFile: string,
  world: Parameters<typeof describedGroups>[1],
): Promise<HostileRun> {
  const target = await start(emulator.url);
  const cwd = tempDir('bench-hostile');
  try {
    const args = ['run', '--target', target.url, '--world', worldFile, '--timeout', String(TIMEOUT_MS)];
    const result = await runCli([...args, '--report-dir', join(cwd, 'reports')], {
      cwd,
      env: KNOWN_ENV,
      killAfterMs: KILL_AFTER_MS,
    });
    const secrets: Secret[] = [
      { label: 'AccessKeySecret', value: KNOWN.accessKeySecret },
      { label: 'SecurityToken', value: KNOWN.securityToken },
      ...signaturesOf(target.requests).map((value, i) => ({ label: `Signature #${i + 1}`, value })),
    ];
    const texts: Array<[string, string]> = [
      ...writtenFiles(cwd),
      ['stdout', result.stdout],
      ['stderr', result.stderr],
    ];
    const leaks = findLeaks(texts, secrets);
    if (recorder !== undefined && recorder.requests.length > 0)
      leaks.push(`the redirect's other host received ${recorder.requests.length} requests`);
    return {
      target: name,
      wallMs: result.durationMs,
      requests: target.requests.length,
      code: result.signal === null ? result.code : null,
      verdict:
        result.signal === null ? verdictLine(result.stdout, result.stderr) : `killed (${result.signal})`,
      leaks,
      groupsLeft: (await describedGroups(emulator, world)).length,
    };
  } finally {
    await target.close();
    removeDir(cwd);
  }
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  if (process.argv.includes('--list')) {
    for (const [name] of TARGETS) console.log(name);
    return;
  }
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt < 0 ? undefined : (process.argv[onlyAt + 1] ?? '').split(',');
  const chosen = TARGETS.filter(([name]) => only === undefined || only.some((o) => name.includes(o)));
  const worldDir = tempDir('bench-hostile-world');
  const { file: worldFile, world } = writeKnownWorld(worldDir);
  const emulator = await startEmulator({ world, limits: loadProfile().limits });
  console.log(
    `whole suite against hostile targets, --timeout ${TIMEOUT_MS}; goal: each ends within ${secs(GOAL_MS)}, exit 1 or 3, nothing leaked`,
  );
  let misses = 0;
  try {
    for (const [name, start] of chosen) {
      const run = await runAgainst(name, start, emulator, worldFile, world);
      const met =
        run.wallMs <= GOAL_MS &&
        (run.code === 1 || run.code === 3) &&
        run.leaks.length === 0 &&
        run.groupsLeft === 0;
      if (!met) misses += 1;
      console.log(
        `${met ? 'ok  ' : 'MISS'} ${name.padEnd(36)} ${secs(run.wallMs).padStart(8)} (${(run.wallMs / GOAL_MS).toFixed(2)}x goal)  ` +
          `${String(run.requests).padStart(5)} requests  exit ${run.code ?? '-'}  ${run.verdict}`,
      );
      for (const leak of run.leaks) console.log(`       leak: ${leak}`);
      if (run.groupsLeft > 0) console.log(`       ${run.groupsLeft} group(s) left on the upstream emulator`);
    }
  } finally {
    await emulator.close();
    await recorder?.close();
    removeDir(worldDir);
  }
  console.log(`${chosen.length - misses}/${chosen.length} targets within the goal`);
  process.exitCode = misses === 0 ? 0 : 1;
}

await main();
