import { resolve } from 'node:path';
import { runCompareCommand, runDiffCommand } from '../reporting/index.js';
import { type Io, println } from './io.js';

/** `diff OLD NEW`: exit 1 on a regression. */
export function diffCommand(oldFile: string, newFile: string, io: Io): number {
  const result = runDiffCommand(resolve(io.cwd, oldFile), resolve(io.cwd, newFile));
  println(io.stdout, result.text);
  return result.exitCode;
}

/** `compare A.json B.json ... [--out DIR]`: writes the matrix as Markdown and HTML. */
export function compareCommand(files: string[], flags: Record<string, unknown>, io: Io): number {
  const outDir = resolve(io.cwd, typeof flags.out === 'string' ? flags.out : 'reports');
  const labels = Array.isArray(flags.label) ? flags.label.map(String) : [];
  const result = runCompareCommand(
    files.map((file) => resolve(io.cwd, file)),
    outDir,
    labels,
  );
  for (const file of result.files) println(io.stdout, `wrote ${file}`);
  return 0;
}
