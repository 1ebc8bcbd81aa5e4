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
  checkShardSet(blobDir, readdirSync(blobDir));
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

/**
 * The blob files must be those of one sharded run, every shard present: merged, an incomplete set would
 * report the rules it has as the whole run.
 */
export function checkShardSet(blobDir: string, names: readonly string[]): void {
  const blobs = names.filter((name) => name.endsWith('.json'));
  const shards = blobs.map((name) => /^blob-(\d+)-(\d+)\.json$/.exec(name));
  const stray = blobs.filter((_, i) => shards[i] === null);
  if (stray.length > 0) {
    throw new ToolError(
      'E_USAGE',
      `merge: ${stray.join(', ')} in ${blobDir} is not a shard's blob file (blob-I-N.json)`,
    );
  }
  const parsed = shards.map((m) => ({ index: Number(m?.[1]), count: Number(m?.[2]) }));
  const counts = [...new Set(parsed.map((p) => p.count))].sort((a, b) => a - b);
  const count = counts[0] ?? 0;
  if (counts.length > 1) {
    throw new ToolError(
      'E_USAGE',
      `merge: ${blobDir} mixes runs split ${counts.map((n) => `${n} ways`).join(' and ')}; keep one run's blob files`,
    );
  }
  const present = new Set(parsed.map((p) => p.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
  const outside = parsed.filter((p) => p.index < 1 || p.index > count).map((p) => `${p.index}/${p.count}`);
  if (outside.length > 0)
    throw new ToolError('E_USAGE', `merge: no shard ${outside.join(', ')} in a run of ${count} shards`);
  if (missing.length > 0) {
    const which = missing.map((i) => `${i}/${count}`).join(', ');
    throw new ToolError(
      'E_USAGE',
      `merge: results of shard ${which} missing in ${blobDir} (run \`run --shard ${missing[0]}/${count}\` and copy its blob file here)`,
    );
  }
}
