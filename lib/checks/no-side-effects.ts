import { boundedText, TARGET_TEXT_MAX } from '../shown-text.js';
import type { DescribedGroup } from './described-group.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES } from './make-finding.js';

/** The refused creates that named one disk or instance: the first few case ids, and how many more. */
export interface RefusalsOn {
  caseIds: readonly string[];
  more: number;
}

/** A group that appeared during the run, that no success of the run made, on refused resources. */
export interface SideEffect {
  group: DescribedGroup;
  /** The group's disks and instance that refused creates named. */
  resources: string[];
  /** The refused cases that named them, first in order met (at most MAX_NAMED_CASES). */
  caseIds: string[];
  /** Further refusals on those resources, not named. */
  more: number;
}

/** A finding's texts quote ids of the target's making: bounded as every finding's are. */
const bounded = (text: string): string => boundedText(text, 2 * TARGET_TEXT_MAX);

/** Case ids a finding names; the rest are counted. */
export const MAX_NAMED_CASES = 5;

/** The disks a group holds snapshots of, then its instance (the resources a refused create may name). */
export const groupResources = (group: DescribedGroup): string[] => [
  ...new Set([
    ...group.snapshots.flatMap((snapshot) =>
      snapshot.sourceDiskId === undefined ? [] : [snapshot.sourceDiskId],
    ),
    ...(group.instanceId === undefined ? [] : [group.instanceId]),
  ]),
];

/**
 * The groups of `after` that a refused create left behind: not listed `before`, not made (nor found) by
 * the run (`known`), and on a disk or instance that refused creates named since `before` was listed.
 * The refusals that named all of the group's disks (and instance) are named first.
 * A new group on resources no refusal named is not judged here: it is not the run's to explain.
 */
export function sideEffectsOf(input: {
  before: ReadonlySet<string>;
  after: readonly DescribedGroup[];
  known: (groupId: string) => boolean;
  refusals: ReadonlyMap<string, RefusalsOn>;
}): SideEffect[] {
  const effects: SideEffect[] = [];
  const seen = new Set<string>();
  for (const group of input.after) {
    if (group.id === '' || seen.has(group.id) || input.before.has(group.id) || input.known(group.id))
      continue;
    seen.add(group.id);
    const resources = groupResources(group).filter((id) => input.refusals.has(id));
    if (resources.length === 0) continue;
    const lists = resources.map((resource) => input.refusals.get(resource) as RefusalsOn);
    // A case that named every one of the group's refused resources could have made it whole: first.
    const all = lists.flatMap((on) => on.caseIds);
    const everywhere = all.filter((id) => lists.every((on) => on.caseIds.includes(id)));
    const caseIds: string[] = [];
    const met = new Set<string>();
    let more = lists.reduce((sum, on) => sum + on.more, 0);
    for (const id of [...everywhere, ...all]) {
      if (met.has(id)) continue;
      met.add(id);
      if (caseIds.length < MAX_NAMED_CASES) caseIds.push(id);
      else more += 1;
    }
    effects.push({ group, resources, caseIds, more });
  }
  return effects;
}

/** Where a group was listed: the account whose DescribeSnapshotGroups showed it, in which region. */
export interface ListedIn {
  regionId: string;
  account: string;
}

/** The finding of state.no-side-effects for one group, under the first refused case that may have made it. */
export function noSideEffectsFinding(effect: SideEffect, where: ListedIn): Finding {
  const cases = effect.caseIds.join(', ');
  const more = effect.more > 0 ? ` (and ${effect.more} more refusals on them)` : '';
  const group = boundedText(effect.group.id);
  const held = groupResources(effect.group)
    .map((id) => boundedText(id))
    .join(', ');
  return {
    check: 'refusedCreatesLeaveNothing',
    rule: CROSS_CUTTING_RULES.noSideEffects,
    caseId: effect.caseIds[0] ?? '',
    message: bounded(
      `group ${group} appeared on ${effect.resources.map((id) => boundedText(id)).join(', ')} after refused creates: ${cases}${more}`,
    ),
    expected:
      'a refused CreateSnapshotGroup creates no group: nothing new on the disks and instance it named',
    actual: bounded(
      `${group} (holding ${held}), listed by DescribeSnapshotGroups (${where.account}, ${where.regionId}) after the refused creates ${cases}${more}; no success of the run made it`,
    ),
  };
}
