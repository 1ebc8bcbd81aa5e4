// `npm run bench`: every benchmark, one after the other, each in its own process so that one's memory
// and JIT state do not colour the next. Each prints its own side-by-side ratios.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = [
  'client',
  'emulator',
  'generators',
  'runner',
  'full-run',
  'differential',
  'hanging-target',
] as const;
const quick = process.argv.includes('--quick');

let failed = 0;
for (const name of BENCHES) {
  const file = join(import.meta.dirname, `${name}.js`);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: not built (missing ${file})`);
    failed += 1;
    continue;
  }
  console.log(`\n== ${name}`);
  const args = ['--expose-gc', file, ...(quick ? ['--quick'] : [])];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.log(`== ${name} exited with ${result.status ?? result.signal}`);
    failed += 1;
  }
}
process.exitCode = failed === 0 ? 0 : 1;
