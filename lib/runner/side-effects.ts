import type { Case } from '../cases.js';
import {
  CROSS_CUTTING_RULES,
  type Finding,
  groupResources,
  noSideEffectsFinding,
  paramOf,
  sideEffectsOf,
  succeeded,
} from '../checks/index.js';
import type { Exchange } from '../client/index.js';
import { type ListedGroup, type ListingScope, listGroups } from './group-listing.js';
import { deleteGroup, waitUntilSettled } from './groups.js';
import type { GroupRef } from './journal.js';
import { recordRunFindings, recordRunInconclusive } from './record.js';
import type { Session } from './session.js';

const RULE = CROSS_CUTTING_RULES.noSideEffects;
/** Refused case ids kept per disk or instance; the rest are counted (a 10,000-run run has 700k cases). */
export const MAX_CASES_PER_RESOURCE = 3;
/** The case id an inconclusive listing is recorded under (it orders nothing: no case has this id). */
const LISTING_CASE_ID = `${RULE}/listing`;

/** A create the target refused: answered with an error, or, meant to be refused, never answered. */
export function refusedCreate(c: Case, exchange: Exchange | undefined): boolean {
  if (c.request.action !== 'CreateSnapshotGroup' || exchange === undefined) return false;
  if (exchange.failure?.neverSent === true) return false;
  if (exchange.response !== undefined) return !succeeded(exchange);
  // A create meant to succeed whose answer was lost is looked for by lost-creates.ts, and journalled there.
  const creating =
    c.expected.kind === 'success' ||
    c.expectGroup !== undefined ||
    (c.prelude ?? []).some((request) => request.action === 'CreateSnapshotGroup');
  return !creating;
}

/** What a session keeps between listings: bounded by the world's disks and instances, not by the cases. */
class SideEffectWatch {
  /** Each account and region the world's resources live in, listed over the run's first transport. */
  readonly scopes = new Map<string, ListingScope>();
  /** The world's disks and instances (only those are keys of `refusals`), and the scope each lives in. */
  readonly #scopeOf = new Map<string, string>();
  /** World resource → the refused creates that named it since the last complete listing. */
  refusals = new Map<string, { caseIds: string[]; more: number }>();
  /** What the last listing at the end of a runRules call showed, per scope. */
  last: Map<string, ReadonlySet<string>> | undefined;

  constructor(session: Session) {
    const { world, transports } = session.options;
    const transport = transports[0];
    if (transport === undefined) return;
    for (const { id, account, region } of [...world.disks, ...world.instances]) {
      const key = scopeKey({ account, regionId: region });
      this.scopes.set(key, { account, regionId: region, transport });
      this.#scopeOf.set(id, key);
    }
  }

  /** The scopes of the resources refused creates named since the last complete listing. */
  refusedScopes(): Set<string> {
    return new Set([...this.refusals.keys()].flatMap((resource) => this.#scopeOf.get(resource) ?? []));
  }

  /** Remembers a refused create under each world disk and instance it named. */
  note(c: Case): void {
    const instanceId = paramOf(c.request, 'InstanceId');
    const named = new Set([...c.disks, ...(instanceId === undefined ? [] : [instanceId])]);
    for (const resource of named) {
      if (!this.#scopeOf.has(resource)) continue;
      let on = this.refusals.get(resource);
      if (on === undefined) {
        on = { caseIds: [], more: 0 };
        this.refusals.set(resource, on);
      }
      if (on.caseIds.length < MAX_CASES_PER_RESOURCE) on.caseIds.push(c.id);
      else on.more += 1;
    }
  }
}

const scopeKey = (scope: { account: string; regionId: string }): string =>
  `${scope.account} ${scope.regionId}`;

const watches = new WeakMap<Session, SideEffectWatch>();

/** The session's watch; none when the run does not judge state.no-side-effects (`--only`). */
function watchOf(session: Session): SideEffectWatch | undefined {
  let watch = watches.get(session);
  if (watch === undefined && session.rules.some((rule) => rule.id === RULE)) {
    watch = new SideEffectWatch(session);
    watches.set(session, watch);
  }
  return watch;
}

/**
 * Notes the case if it is a refused create; true when it then counts as a case of state.no-side-effects
 * (the rule is judged in this session).
 */
export function noteRefusal(session: Session, c: Case, exchange: Exchange | undefined): boolean {
  const watch = watchOf(session);
  if (watch === undefined || !refusedCreate(c, exchange)) return false;
  watch.note(c);
  return true;
}

type Listings = Map<string, ListedGroup[] | { problem: string }>;

async function listScopes(
  session: Session,
  watch: SideEffectWatch,
  wanted: (key: string) => boolean = () => true,
): Promise<Listings> {
  const listings: Listings = new Map();
  for (const [key, scope] of watch.scopes) {
    if (!wanted(key)) continue;
    const listing = await listGroups(session, scope);
    listings.set(key, 'problem' in listing ? listing : listing.groups);
  }
  return listings;
}

const idsOf = (listings: Listings): Map<string, ReadonlySet<string>> =>
  new Map(
    [...listings].flatMap(([key, listing]) =>
      Array.isArray(listing) ? [[key, new Set(listing.map((group) => group.id))] as const] : [],
    ),
  );

/** Listed before a runRules call runs its cases: what the end of the call is compared with. */
export interface SideEffectWindow {
  before: Map<string, ReadonlySet<string>>;
  problems: string[];
}

/**
 * Lists every scope before a runRules call runs its cases. A group new since the previous call's last
 * listing was left by a refusal in between (a property's cases): it is judged now, in this call's share.
 */
export async function openSideEffectWindow(session: Session): Promise<SideEffectWindow | undefined> {
  const watch = watchOf(session);
  if (watch === undefined) return undefined;
  const listings = await listScopes(session, watch);
  if (watch.last === undefined) return { before: idsOf(listings), problems: problemsOf(listings) };
  // Judged here, a scope that could not be listed is recorded once: the end skips what `before` lacks.
  await judge(session, watch, watch.last, listings);
  return { before: idsOf(listings), problems: [] };
}

/**
 * Lists again, once the call's cases are done, the scopes whose resources refused creates named, and
 * judges what appeared there meanwhile. Elsewhere a new group could be blamed on no refusal: the
 * listing from before stands for now.
 */
export async function closeSideEffectWindow(
  session: Session,
  window: SideEffectWindow | undefined,
): Promise<void> {
  const watch = watchOf(session);
  if (watch === undefined || window === undefined) return;
  if (session.aborted) {
    // A stopped run sends nothing more but clean-up: the refusals of this call stay unjudged.
    const reason = 'the run stopped before the groups were listed again';
    return recordRunInconclusive(session, RULE, LISTING_CASE_ID, reason);
  }
  const refused = watch.refusedScopes();
  const listings = await listScopes(session, watch, (key) => refused.has(key));
  await judge(session, watch, window.before, listings, window.problems);
  watch.last = new Map([...window.before, ...idsOf(listings)]);
}

/**
 * Outside runRules (after a family's property, whose cases runCases sent): lists again the scopes whose
 * resources refused creates named since the last listing, and judges what appeared there. Returns the
 * findings, also recorded in the tallies (the running family's share).
 */
export async function judgeRefusalsSoFar(session: Session): Promise<Finding[]> {
  const watch = watchOf(session);
  if (watch?.last === undefined || session.aborted) return [];
  const refused = watch.refusedScopes();
  if (refused.size === 0) return [];
  const listings = await listScopes(session, watch, (key) => refused.has(key));
  const findings = await judge(session, watch, watch.last, listings);
  watch.last = new Map([...watch.last, ...idsOf(listings)]);
  return findings;
}

const problemsOf = (listings: Listings): string[] =>
  [...listings].flatMap(([key, listing]) => (Array.isArray(listing) ? [] : [`${key}: ${listing.problem}`]));

/**
 * Records a finding for every group a refusal left (in the tallies of the rule, the running family's
 * share included), journals it under the account that listed it, and deletes it. A scope that could not
 * be listed both times leaves the rule inconclusive for this share, and the refusals are kept for the
 * next listing.
 */
async function judge(
  session: Session,
  watch: SideEffectWatch,
  before: ReadonlyMap<string, ReadonlySet<string>>,
  after: Listings,
  earlierProblems: readonly string[] = [],
): Promise<Finding[]> {
  const problems = [...earlierProblems];
  const findings: Finding[] = [];
  const failedCases = new Set<string>();
  const leftovers: GroupRef[] = [];
  for (const [key, listed] of after) {
    const scope = watch.scopes.get(key);
    const earlier = before.get(key);
    if (scope === undefined) continue;
    if (!Array.isArray(listed)) {
      problems.push(`${key}: ${listed.problem}`);
      continue;
    }
    if (earlier === undefined) continue; // its first listing failed: already among the problems
    const known = (groupId: string) => session.journal.known(groupId);
    for (const effect of sideEffectsOf({ before: earlier, after: listed, known, refusals: watch.refusals })) {
      const ref: GroupRef = {
        ...scope,
        groupId: effect.group.id,
        caseId: effect.caseIds[0] ?? LISTING_CASE_ID,
      };
      // A create whose answer was lost, and which no look-up found, may have made it: cleaned, not blamed.
      const lost = groupResources(effect.group).some((resource) => session.journal.lostOn(resource));
      session.journal.created(ref);
      leftovers.push(ref);
      if (lost) continue;
      findings.push(noSideEffectsFinding(effect, scope));
      for (const id of effect.caseIds) failedCases.add(id);
    }
  }
  if (findings.length > 0) recordRunFindings(session, RULE, findings, failedCases.size);
  if (problems.length > 0) {
    recordRunInconclusive(
      session,
      RULE,
      LISTING_CASE_ID,
      `DescribeSnapshotGroups could not list the groups around the refusals (${problems.join('; ')})`,
    );
  } else watch.refusals = new Map();
  for (const ref of leftovers) {
    if (!session.aborted) await waitUntilSettled(session, ref);
    await deleteGroup(session, ref);
  }
  return findings;
}
