import fc from 'fast-check';
import { preludeGroupId } from '../../lib/cases.js';
import type { Disk } from '../../lib/spec/world.js';
import type { GenContext } from '../context.js';
import type { Draft, RequestDraft, WireEdit } from '../draft.js';
import { seededHex } from '../seed.js';
import type { Attributes } from '../valid/attributes.js';
import { buildInput } from '../valid/compose.js';
import { fixedBase, spread } from '../valid/fixed.js';
import { CREATE } from '../valid/request.js';
import { disksTarget, instanceDisksTarget, type Target } from '../valid/target.js';
import { notReachable, type Planner, type RulePlan } from './plan.js';

/**
 * The support family (issue 16.2): DescribeSnapshotGroups' filters and paging, DeleteSnapshotGroup's
 * refusals. A Describe case first makes two or three groups of its own (its prelude) with distinct
 * names and tag values, the first with InstanceId and a disk of that instance, the others on disks of
 * other instances, then asks for some of them; the checks judge only what the answer lists.
 */

const DESCRIBE = 'DescribeSnapshotGroups';
const DELETE = 'DeleteSnapshotGroup';
/** The tag every support group carries, with a value of its own. */
const TAG_KEY = 'conformance-support';
const STATUSES = ['progressing', 'accomplished'] as const;

/** What one Describe case is about: which filter, or which paging. */
type Probe =
  | { kind: 'ids'; count: 1 | 2 }
  | { kind: 'instance' }
  | { kind: 'status'; also: Array<(typeof STATUSES)[number]> }
  | { kind: 'name' }
  | { kind: 'tag' }
  | { kind: 'pages'; maxResults: 1 | 2 };

const DESCRIBE_RULES: Record<string, { groups: number; fixed: Probe; random: fc.Arbitrary<Probe> }> = {
  'support.describe-snapshot-group-id-filter': {
    groups: 3,
    fixed: { kind: 'ids', count: 1 },
    random: fc.constantFrom(1 as const, 2 as const).map((count): Probe => ({ kind: 'ids', count })),
  },
  'support.describe-instance-id-filter': {
    groups: 2,
    fixed: { kind: 'instance' },
    random: fc.constant<Probe>({ kind: 'instance' }),
  },
  'support.describe-status-filter': {
    groups: 2,
    fixed: { kind: 'status', also: [] },
    random: fc.subarray([...STATUSES], { maxLength: 1 }).map((also): Probe => ({ kind: 'status', also })),
  },
  'support.describe-name-filter': {
    groups: 2,
    fixed: { kind: 'name' },
    random: fc.constant<Probe>({ kind: 'name' }),
  },
  'support.describe-tag-filter': {
    groups: 2,
    fixed: { kind: 'tag' },
    random: fc.constant<Probe>({ kind: 'tag' }),
  },
  'support.describe-max-results': {
    groups: 3,
    fixed: { kind: 'pages', maxResults: 1 },
    random: fc
      .constantFrom(1 as const, 2 as const)
      .map((maxResults): Probe => ({ kind: 'pages', maxResults })),
  },
  'support.describe-next-token': {
    groups: 3,
    fixed: { kind: 'pages', maxResults: 1 },
    random: fc
      .constantFrom(1 as const, 2 as const)
      .map((maxResults): Probe => ({ kind: 'pages', maxResults })),
  },
};

/**
 * Up to `count` targets in one region: the k-th sound instance with a healthy disk (named with
 * InstanceId and that disk), then healthy disks of other instances. Undefined when not even two fit.
 */
function supportTargets(ctx: GenContext, rule: string, k: number, count: number): Target[] | undefined {
  const signer = ctx.signer.id;
  const part = spread(ctx.pools(signer).partInstances, rule, k);
  const healthy = ctx.index.healthyDisks(signer);
  const first: Target | undefined =
    part === undefined
      ? healthy[0] && disksTarget([healthy[0]])
      : instanceDisksTarget(part.instance, [part.healthy[0] as Disk]);
  if (first === undefined) return undefined;
  const others = healthy.filter(
    (disk) =>
      disk.region === first.region &&
      !first.disks.includes(disk.id) &&
      (first.instanceId === undefined || disk.instance !== first.instanceId),
  );
  const picked: Disk[] = [];
  for (let i = 0; i < others.length && picked.length < count - 1; i += 1) {
    const disk = spread(others, rule, k + i) as Disk;
    if (!picked.includes(disk)) picked.push(disk);
  }
  if (picked.length === 0) return undefined;
  return [first, ...picked.map((disk) => disksTarget([disk]))];
}

const createOf = (target: Target, attributes: Attributes): RequestDraft => ({
  action: CREATE,
  input: buildInput(target, attributes),
  edits: [],
  account: target.account,
});

const nameOf = (label: string, index: number): string => `support-${label}-${index}`;

/** The filter of a probe, as wire edits on a Describe of the region. */
function probeEdits(probe: Probe, label: string, targets: readonly Target[]): WireEdit[] {
  const append = (name: string, value: string): WireEdit => ({ op: 'append', name, value });
  switch (probe.kind) {
    case 'ids':
      return Array.from({ length: probe.count }, (_, i) =>
        append(`SnapshotGroupId.${i + 1}`, preludeGroupId(i)),
      );
    case 'instance':
      return [append('InstanceId', targets[0]?.instanceId ?? '')];
    case 'status':
      return [
        append('Name', nameOf(label, 0)),
        ...['failed', ...probe.also].map((status, i) => append(`Status.${i + 1}`, status)),
      ];
    case 'name':
      return [append('Name', nameOf(label, 0))];
    case 'tag':
      return [append('Tag.1.Key', TAG_KEY), append('Tag.1.Value', `${label}-0`)];
    case 'pages':
      return [append('Name', nameOf(label, 0)), append('MaxResults', String(probe.maxResults))];
  }
}

const probeText = (probe: Probe): string =>
  probe.kind === 'pages'
    ? `walks the pages of its groups, MaxResults=${probe.maxResults}`
    : probe.kind === 'status'
      ? `Status.N ${['failed', ...probe.also].join(', ')} (and its Name)`
      : probe.kind === 'ids'
        ? `SnapshotGroupId.N naming ${probe.count} of its groups`
        : `by ${probe.kind === 'instance' ? 'InstanceId' : probe.kind === 'name' ? 'Name' : 'Tag.N'}`;

function describeDraft(ctx: GenContext, rule: string, probe: Probe, label: string, targets: Target[]): Draft {
  // Paging walks groups of one name: they all get the first one.
  const sameName = probe.kind === 'pages' || probe.kind === 'status';
  const prelude = targets.map((target, index) =>
    createOf(target, {
      Name: nameOf(label, sameName ? 0 : index),
      Tag: [{ Key: TAG_KEY, Value: `${label}-${index}` }],
    }),
  );
  const first = targets[0] as Target;
  const draft: Draft = {
    kind: 'valid',
    request: {
      action: DESCRIBE,
      input: { RegionId: first.region },
      edits: probeEdits(probe, label, targets),
      account: first.account,
    },
    expected: ctx.expected(rule),
    disks: [...new Set(targets.flatMap((target) => target.disks))],
    description: `makes ${targets.length} groups, then DescribeSnapshotGroups ${probeText(probe)}`,
    prelude,
    touched: [],
  };
  if (probe.kind === 'pages') draft.walkPages = true;
  return draft;
}

function describePlan(ctx: GenContext, rule: string): RulePlan | ReturnType<typeof notReachable> {
  const spec = DESCRIBE_RULES[rule];
  if (spec === undefined) return notReachable(`no support scenario is defined for ${rule}`);
  const targets = supportTargets(ctx, rule, 0, spec.groups);
  if (targets === undefined)
    return notReachable(
      `account '${ctx.signer.id}' has no two healthy disks of other instances in one region`,
    );
  if (spec.fixed.kind === 'instance' && targets[0]?.instanceId === undefined)
    return notReachable(`account '${ctx.signer.id}' has no sound instance with a healthy disk`);
  const label = seededHex(ctx.options.seed, 8, rule);
  const random = fc.tuple(spec.random, fc.nat(), fc.nat()).map(([probe, k, salt]) => {
    const drawn = supportTargets(ctx, rule, k, spec.groups) ?? targets;
    return describeDraft(ctx, rule, probe, `${label.slice(0, 4)}${(salt % 0xffff).toString(16)}r`, drawn);
  });
  return { fixed: [describeDraft(ctx, rule, spec.fixed, label, targets)], random };
}

const deleteOf = (region: string, account: string, groupId: string): RequestDraft => ({
  action: DELETE,
  input: { RegionId: region },
  edits: [{ op: 'append', name: 'SnapshotGroupId', value: groupId }],
  account,
});

/** A well-formed id no group has: `ssg-` and hex drawn from the seed (or the random stream). */
function deleteUnknownPlan(ctx: GenContext, rule: string): RulePlan {
  const region = ctx.world.regions[0]?.id ?? '';
  const draft = (hex: string): Draft => ({
    kind: 'invalid',
    request: deleteOf(region, ctx.signer.id, `ssg-${hex}`),
    expected: ctx.expected(rule),
    disks: [],
    description: `DeleteSnapshotGroup of ssg-${hex}, an id no group has`,
    touched: [],
  });
  return {
    fixed: [draft(seededHex(ctx.options.seed, 20, rule))],
    random: fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => draft(seededHex(a, 20, rule, String(b)))),
  };
}

/** A group made, deleted (that delete must succeed), then deleted again. */
function deleteDeletedPlan(ctx: GenContext, rule: string): RulePlan | ReturnType<typeof notReachable> {
  const draft = (k: number): Draft | undefined => {
    const base = fixedBase(ctx, rule, k);
    if (base === undefined) return undefined;
    const { target } = base;
    const again = deleteOf(target.region, target.account, preludeGroupId(0));
    return {
      kind: 'invalid',
      request: again,
      expected: ctx.expected(rule),
      disks: [...target.disks],
      description: `makes a group on ${target.disks.join(', ')}, deletes it, then deletes it again`,
      prelude: [createOf(target, {}), again],
      touched: [],
    };
  };
  const fixed = draft(0);
  if (fixed === undefined) return notReachable(`account '${ctx.signer.id}' has no usable disk`);
  return { fixed: [fixed], random: fc.nat().map((k) => draft(k) ?? fixed) };
}

export const supportPlanner: Planner = (ctx, rule) => {
  if (rule === 'support.delete-unknown-refused') return deleteUnknownPlan(ctx, rule);
  if (rule === 'support.delete-deleted-refused') return deleteDeletedPlan(ctx, rule);
  return describePlan(ctx, rule);
};

export const SUPPORT_RULE_IDS = [
  ...Object.keys(DESCRIBE_RULES),
  'support.delete-unknown-refused',
  'support.delete-deleted-refused',
];
