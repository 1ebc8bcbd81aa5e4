import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { loadBaseline } from '../reporting/index.js';
import { loadCatalogue } from '../spec/load.js';
import type { Io } from './io.js';
import { packageRoot, packageVersion } from './package-root.js';
import { finishRun } from './run-outcome.js';
import { BLOB_DIR, runSuites, vitestOutputs } from './vitest-run.js';

/**
 * `merge [DIR]`: vitest's --merge-reports over the blob files of `run --shard I/N`, through the same
 * reporters as an unsharded run, so conformance.json, summary.md, JUnit and Allure come out the same.
 */
export async function mergeCommand(
  dir: string | undefined,
  flags: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const reportDir = resolve(io.cwd, typeof flags.reportDir === 'string' ? flags.reportDir : 'reports');
  const blobDir = resolve(io.cwd, dir ?? `reports/${BLOB_DIR}`);
  if (!existsSync(blobDir) || !readdirSync(blobDir).some((name) => name.endsWith('.json'))) {
    throw new ToolError('E_USAGE', `merge: no blob results in ${blobDir} (run with --shard I/N first)`);
  }
  const baseline =
    typeof flags.baseline === 'string' ? loadBaseline(resolve(io.cwd, flags.baseline)) : undefined;
  const root = packageRoot();
  const outcome = await runSuites({
    root,
    reportDir,
    mergeFrom: blobDir,
    reporter: {
      version: packageVersion(root),
      fallbackRun: {
        target: { url: 'unknown', embedded: false },
        world: { name: 'unknown', file: 'unknown' },
        profile: 'unknown',
        seed: 0,
        runs: 0,
        transports: [],
        startedAt: new Date().toISOString(),
      },
      // The catalogue depends on neither world nor profile (the shards' files may not exist here).
      loadCatalogue: () => loadCatalogue(),
    },
  });
  return finishRun({ ...(outcome && { outcome }), leftBehind: [] }, io, {
    ...(baseline && { baseline }),
    extraFiles: vitestOutputs(reportDir),
  });
}
