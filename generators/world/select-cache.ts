import type { Precondition } from '../../lib/spec/catalogue.js';
import { type Candidate, findResources } from '../../lib/spec/select.js';
import type { World } from '../../lib/spec/world.js';

const cache = new WeakMap<World, WeakMap<Precondition, Candidate[]>>();

/**
 * findResources, remembered per (world, precondition) object: generation asks the same question for a
 * rule several times, and runs for many seeds against the same loaded spec.
 */
export function resourcesMeeting(world: World, precondition: Precondition): Candidate[] {
  const perWorld = cache.get(world) ?? new WeakMap<Precondition, Candidate[]>();
  cache.set(world, perWorld);
  const found = perWorld.get(precondition) ?? findResources(world, precondition);
  perWorld.set(precondition, found);
  return found;
}
