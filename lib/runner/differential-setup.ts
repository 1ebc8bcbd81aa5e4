import { ToolError } from '../errors.js';
import { CASSETTE_FORMAT, CassetteRecorder, worldHash } from './cassette.js';
import { cassetteReference } from './cassette-reader.js';
import { liveReference } from './live-reference.js';
import type { ResolvedRunOptions } from './options.js';
import { Reference } from './reference.js';

/** The reference side of a differential run, when the options name one (live endpoint or cassette). */
export function openReference(options: ResolvedRunOptions): Reference | undefined {
  const reference = options.reference;
  if (reference === undefined) return undefined;
  const sender =
    'cassette' in reference
      ? cassetteReference(reference.cassette, {
          world: options.world,
          seed: options.seed,
          profile: options.profile.name,
        })
      : liveReference(options, reference);
  return new Reference(sender, {
    target: options.target,
    ...(options.worldFile !== undefined && { worldFile: options.worldFile }),
  });
}

/** The cassette recorder, when the options ask for one (`record`). */
export function openRecorder(options: ResolvedRunOptions): CassetteRecorder | undefined {
  const record = options.record;
  if (record === undefined) return undefined;
  try {
    return new CassetteRecorder(record.dir, {
      format: CASSETTE_FORMAT,
      tool: { name: 'ecs-conformance', version: record.toolVersion },
      target: options.target,
      world: { name: options.world.name, hash: worldHash(options.world) },
      seed: options.seed,
      profile: options.profile.name,
      runs: options.runs,
    });
  } catch (error) {
    throw new ToolError(
      'E_USAGE',
      `invalid option record: cannot write ${record.dir}: ${(error as Error).message}`,
    );
  }
}
