import { join } from 'node:path';
import type { TransportVariant } from '../cases.js';
import { ToolError } from '../errors.js';
import { type Baseline, loadBaseline } from '../reporting/index.js';
import { type Catalogue, FAMILIES, type Family, type Profile } from '../spec/catalogue.js';
import { loadSpec } from '../spec/load.js';
import type { World } from '../spec/world.js';
import { packageRoot } from './package-root.js';
import type { RunSettings } from './run-settings.js';
import { transportsFor } from './transports.js';

/** A run with every input loaded and checked: nothing after this may fail for a usage reason. */
export interface PreparedRun {
  settings: RunSettings;
  root: string;
  worldFile: string;
  catalogue: Catalogue;
  profile: Profile;
  world: World;
  /** Rule ids selected by `--only`, expanded; undefined: every rule. */
  only?: string[];
  transports: TransportVariant[];
  /** Families whose suite files run (one file per family). */
  families: Family[];
  baseline?: Baseline;
}

export const defaultWorldFile = (root: string = packageRoot()): string =>
  join(root, 'fixtures', 'default.world.yaml');

export async function prepareRun(settings: RunSettings): Promise<PreparedRun> {
  const root = packageRoot();
  const worldFile = settings.world ?? defaultWorldFile(root);
  const spec = await loadSpec({
    world: worldFile,
    ...(settings.profile !== undefined && { profile: settings.profile }),
    ...(settings.openapi !== undefined && { openapi: settings.openapi }),
  });
  const prepared: PreparedRun = {
    settings,
    root,
    worldFile,
    catalogue: spec.catalogue,
    profile: spec.profile,
    world: spec.world,
    transports: transportsFor(settings),
    families: [...FAMILIES],
  };
  if (settings.only !== undefined) {
    prepared.only = expandOnly(settings.only, spec.catalogue);
    prepared.families = familiesOf(prepared.only, spec.catalogue);
  }
  if (settings.shard !== undefined) prepared.families = shareOf(prepared.families, settings.shard);
  if (settings.baseline !== undefined) prepared.baseline = loadBaseline(settings.baseline);
  return prepared;
}

/**
 * The suite files (families) shard I of N runs: dealt round-robin in catalogue order, so that the shards
 * of one run share the files out whole, each exactly once, and `merge` finds every family once. More
 * shards than files is allowed: the extra shards run nothing and still write a valid (empty) blob file,
 * so that a CI matrix may be wider than the suite.
 */
export function shareOf(families: readonly Family[], shard: { index: number; count: number }): Family[] {
  return families.filter((_, k) => k % shard.count === shard.index - 1);
}

/** With `--only`, only the suite files of the families it selects run (an empty file would fail). */
function familiesOf(only: readonly string[], catalogue: Catalogue): Family[] {
  const selected = new Set(
    catalogue.rules.filter((rule) => only.includes(rule.id)).map((rule) => rule.family),
  );
  return FAMILIES.filter((family) => selected.has(family));
}

/** Rule ids, family names and `prefix.*` patterns to rule ids, in catalogue order. */
export function expandOnly(patterns: readonly string[], catalogue: Catalogue): string[] {
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const matches = catalogue.rules.filter((rule) =>
      pattern.endsWith('*')
        ? rule.id.startsWith(pattern.slice(0, -1))
        : rule.id === pattern || rule.family === pattern,
    );
    if (matches.length === 0) {
      throw new ToolError('E_USAGE', `--only: '${pattern}' matches no rule id or family of the catalogue`);
    }
    for (const rule of matches) selected.add(rule.id);
  }
  return catalogue.rules.filter((rule) => selected.has(rule.id)).map((rule) => rule.id);
}
