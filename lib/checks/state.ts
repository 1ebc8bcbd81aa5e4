import type { Case, ExpectedGroup } from '../cases.js';
import type { CheckContext } from './context.js';
import { type DescribedGroup, describedGroup } from './described-group.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { describeOutcome, isSuccessStatus } from './response.js';

/** Which state rule a create's disk selection exercises: DiskId.N, ExcludeDiskId.N, or the whole instance. */
export function diskFormRule(c: Case): string {
  const names = c.request.params.map(([name]) => name);
  if (names.some((name) => name.startsWith('DiskId.'))) return CROSS_CUTTING_RULES.diskForm;
  if (names.some((name) => name.startsWith('ExcludeDiskId.'))) return CROSS_CUTTING_RULES.excludeForm;
  return CROSS_CUTTING_RULES.instanceForm;
}

type Looked = { expect: ExpectedGroup; group: DescribedGroup } | { problem: string } | undefined;

/** The created group as listed after the create; undefined when the check has nothing to look at. */
function lookUp(ctx: CheckContext): Looked {
  const expect = ctx.case.expectGroup;
  const state = ctx.state;
  if (expect === undefined || state?.afterCreate?.response === undefined) return undefined;
  const found = describedGroup(state.afterCreate, state.groupId);
  if ('problem' in found) return found;
  if (found.group === undefined)
    return { problem: `group ${state.groupId} is not listed by DescribeSnapshotGroups` };
  return { expect, group: found.group };
}

const sorted = (values: string[]): string[] => [...values].sort();
const listText = (values: string[]): string => (values.length === 0 ? '(none)' : values.join(', '));

/** The group holds one snapshot of each expected disk, and of no other. */
export function groupHoldsExactlyExpectedDisks(ctx: CheckContext): Finding[] {
  const looked = lookUp(ctx);
  if (looked === undefined) return [];
  const rule = diskFormRule(ctx.case);
  if ('problem' in looked) {
    return [
      findingFor('groupHoldsExactlyExpectedDisks', ctx, {
        rule,
        message: looked.problem,
        expected: `group ${ctx.state?.groupId} listed`,
        actual: looked.problem,
      }),
    ];
  }
  const expected = sorted(looked.expect.disks);
  const actual = sorted(
    looked.group.snapshots.map((snapshot) => snapshot.sourceDiskId ?? '(no SourceDiskId)'),
  );
  if (expected.join('\n') === actual.join('\n')) return [];
  return [
    findingFor('groupHoldsExactlyExpectedDisks', ctx, {
      rule,
      message: 'the group does not hold exactly one snapshot of each expected disk',
      expected: listText(expected),
      actual: listText(actual),
    }),
  ];
}

// `acs:` tags are the service's own: a user cannot set them, so they are not the request's.
const userTags = (tags: Array<{ key: string; value: string }>, text: (value: string) => string) =>
  sorted(
    tags.filter((tag) => !tag.key.startsWith('acs:')).map((tag) => `${text(tag.key)}=${text(tag.value)}`),
  );

/** The XML parser trims element text, so an XML look-up cannot show edge whitespace: compare trimmed. */
const textOf = (ctx: CheckContext): ((value: string) => string) =>
  ctx.state?.afterCreate?.response?.parsed.format === 'xml' ? (value) => value.trim() : (value) => value;

/** Name, description, tags, resource group and (when the request named one) the instance are stored as sent. */
export function groupAttributesStored(ctx: CheckContext): Finding[] {
  const looked = lookUp(ctx);
  if (looked === undefined || 'problem' in looked) return [];
  const { expect, group } = looked;
  const text = textOf(ctx);
  const mismatches: Array<[string, string, string]> = [];
  const compare = (what: string, wanted: string | undefined, got: string | undefined) => {
    if (wanted !== undefined && text(wanted) !== (got === undefined ? undefined : text(got))) {
      mismatches.push([what, wanted, got ?? '(absent)']);
    }
  };
  compare('Name', expect.name, group.name);
  compare('Description', expect.description, group.description);
  compare('ResourceGroupId', expect.resourceGroupId, group.resourceGroupId);
  // Only a request that named the instance says which one; a DiskId.N group may span several.
  compare('InstanceId', expect.instanceId, group.instanceId);
  const wantedTags = userTags(expect.tags, text);
  const gotTags = userTags(group.tags, text);
  if (wantedTags.join('\n') !== gotTags.join('\n'))
    mismatches.push(['Tags', listText(wantedTags), listText(gotTags)]);
  return mismatches.map(([what, wanted, got]) =>
    findingFor('groupAttributesStored', ctx, {
      rule: CROSS_CUTTING_RULES.attributesStored,
      message: `the group's ${what} is not the one sent`,
      expected: wanted,
      actual: got,
    }),
  );
}

/** Every snapshot of the group carries the InstantAccess setting (and retention days) sent. */
export function instantAccessStored(ctx: CheckContext): Finding[] {
  const looked = lookUp(ctx);
  if (looked === undefined || 'problem' in looked) return [];
  const { expect, group } = looked;
  const days = expect.instantAccess ? expect.instantAccessRetentionDays : undefined;
  const wrong = group.snapshots.filter(
    (snapshot) =>
      (snapshot.instantAccess ?? false) !== expect.instantAccess ||
      (days !== undefined && snapshot.instantAccessRetentionDays !== days),
  );
  if (wrong.length === 0) return [];
  const show = (instantAccess: boolean | undefined, retention: number | undefined) =>
    `InstantAccess=${instantAccess ?? '(absent)'}${retention === undefined ? '' : ` InstantAccessRetentionDays=${retention}`}`;
  return [
    findingFor('instantAccessStored', ctx, {
      rule: CROSS_CUTTING_RULES.instantAccessStored,
      message: `${wrong.length} of ${group.snapshots.length} snapshots do not carry the instant-access settings sent`,
      expected: show(expect.instantAccess, days),
      actual: wrong
        .map(
          (s) =>
            `${s.snapshotId ?? s.sourceDiskId ?? '?'}: ${show(s.instantAccess, s.instantAccessRetentionDays)}`,
        )
        .join('; '),
    }),
  ];
}

/** DeleteSnapshotGroup succeeds and DescribeSnapshotGroups no longer lists the group. */
export function groupGoneAfterCleanup(ctx: CheckContext): Finding[] {
  const state = ctx.state;
  if (state === undefined) return [];
  const finding = (message: string, expected: string, actual: string) =>
    findingFor('groupGoneAfterCleanup', ctx, {
      rule: CROSS_CUTTING_RULES.deletedAfterCleanup,
      message,
      expected,
      actual,
    });
  const deletion = state.deletion;
  if (deletion?.response !== undefined && !isSuccessStatus(deletion.response.status)) {
    return [
      finding(
        `DeleteSnapshotGroup of ${state.groupId} was refused`,
        'success (2xx)',
        describeOutcome(deletion),
      ),
    ];
  }
  if (state.afterDelete?.response === undefined) return [];
  const found = describedGroup(state.afterDelete, state.groupId);
  if ('problem' in found) return [finding(found.problem, 'the group no longer listed', found.problem)];
  if (found.group === undefined) return [];
  return [
    finding(
      `group ${state.groupId} is still listed after DeleteSnapshotGroup`,
      'the group no longer listed',
      `listed with Status ${found.group.status ?? '(absent)'}`,
    ),
  ];
}
