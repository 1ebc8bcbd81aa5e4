// CPU profiles of every Node process of a run, vitest's worker included (issue 20). `--cpu-prof` is not
// allowed in NODE_OPTIONS, which is how a flag reaches the worker the CLI's vitest forks; this module
// is, preloaded with `--import`:
//
//   ECS_CPU_PROFILE_DIR=/tmp/prof NODE_OPTIONS=--import=./dist/bench/cpu-profile.js \
//     node dist/lib/cli/main.js run --runs 10000
//
// Each process writes `<pid>-<script>.cpuprofile` into the folder when it exits (open it in Chrome's
// DevTools, Performance panel, or VS Code). Sampling every millisecond costs a few percent of CPU.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, join } from 'node:path';

const dir = process.env.ECS_CPU_PROFILE_DIR;
if (dir !== undefined && dir !== '') {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1_000 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The inspector answers a session of the same thread synchronously: this runs within 'exit'.
    session.post('Profiler.stop', (error, result) => {
      if (error !== null) return;
      const script = basename(process.argv[1] ?? 'node').replace(/[^\w.-]/g, '_');
      writeFileSync(join(dir, `${process.pid}-${script}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  // vitest ends its worker with SIGTERM, which skips 'exit': write first, then die of it as before.
  process.once('SIGTERM', () => {
    write();
    process.kill(process.pid, 'SIGTERM');
  });
}
