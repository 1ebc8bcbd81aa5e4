import type { GenContext } from '../context.js';
import type { Draft, WireEdit } from '../draft.js';
import type { Attributes } from '../valid/attributes.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft, type ValidRequest } from '../valid/request.js';
import { disksTarget } from '../valid/target.js';
import { repeatTo } from '../values/text.js';
import { byZone } from '../world/index.js';
import { disksSummingTo } from '../world/subset-sum.js';
import { notReachable, type Planner, type RulePlan } from './plan.js';

interface Probe {
  what: string;
  attributes: Attributes;
  instantAccessRegion?: boolean;
  edits?: WireEdit[];
}

/** The valid side of every documented limit (and the catalogue's settled edge cases). */
function probes(ctx: GenContext): Probe[] {
  const maxTags = ctx.tagLimit(ctx.signer.id);
  // Limits of different parameters share a case (the error code names the parameter), to spare creates.
  const tags = Array.from({ length: maxTags }, (_, i) => ({ Key: `key${i + 1}`, Value: `value${i + 1}` }));
  tags[0] = { Key: repeatTo(128, 'TagKey128-'), Value: repeatTo(128, 'TagValue128-') };
  if (tags.length > 1) tags[1] = { Key: 'empty-value', Value: '' };
  if (tags.length > 2) tags[2] = { Key: 'vendor', Value: 'aliyun-value' };
  return [
    {
      what: 'Name of 2 and Description of 2 characters (min-length)',
      attributes: { Name: 'Nm', Description: 'De' },
    },
    {
      what: 'Name of 128 and Description of 256 characters (max-length)',
      attributes: { Name: `N${repeatTo(127, 'ame128_.-:')}`, Description: repeatTo(256, 'Description 256 ') },
    },
    {
      what: 'Description with http:// inside, not at its start',
      attributes: { Description: 'See http://example.com' },
    },
    {
      what: `${maxTags} tags (tag.max-count): key and value of 128 characters, an empty value, a value starting with aliyun`,
      attributes: { Tag: tags },
    },
    {
      what: 'InstantAccessRetentionDays=1',
      attributes: { InstantAccess: true, InstantAccessRetentionDays: 1 },
      instantAccessRegion: true,
    },
    {
      what: 'InstantAccessRetentionDays=65535',
      attributes: { InstantAccess: true, InstantAccessRetentionDays: 65535 },
      instantAccessRegion: true,
    },
    { what: 'ClientToken of 64 characters', attributes: { ClientToken: repeatTo(64, 'ClientToken64-') } },
    {
      // Catalogue ambiguity empty-optional-strings: an empty Name or Description is absent.
      what: 'empty Name and Description (read as absent)',
      attributes: {},
      edits: [
        { op: 'set', name: 'Name', value: '' },
        { op: 'set', name: 'Description', value: '' },
      ],
    },
  ];
}

function probeDraft(base: ValidRequest, probe: Probe): Draft {
  const valid: ValidRequest = {
    target: base.target,
    attributes: { ...base.attributes, ...probe.attributes },
  };
  const draft = successDraft(
    valid,
    probe.edits === undefined ? 'boundary' : 'wire',
    `${probe.what}; ${describeValid(valid)}`,
  );
  if (probe.edits !== undefined) draft.request.edits = probe.edits;
  return draft;
}

export const boundariesAcceptedPlanner: Planner = (ctx, rule): RulePlan | ReturnType<typeof notReachable> => {
  const gaps: string[] = [];
  const fixed = probes(ctx).flatMap((probe, k) => {
    const base = fixedBase(ctx, rule, k, { instantAccessRegion: probe.instantAccessRegion === true });
    if (base === undefined) gaps.push(`${probe.what}: no usable disk`);
    return base === undefined ? [] : [probeDraft(base, probe)];
  });
  const zones = [...byZone(ctx.index.healthyDisks(ctx.signer.id)).values()];
  const { maxDisks, maxTotalSizeGiB } = ctx.limits;
  const most = zones
    .map((disks) => [...disks].sort((a, b) => a.sizeGiB - b.sizeGiB).slice(0, maxDisks))
    .find(
      (disks) => disks.length === maxDisks && disks.reduce((s, d) => s + d.sizeGiB, 0) <= maxTotalSizeGiB,
    );
  if (most !== undefined && most.length <= ctx.signer.quotas.snapshots) {
    fixed.push(
      probeDraft(
        { target: disksTarget(most), attributes: {} },
        { what: `${maxDisks} disks (maxDisks)`, attributes: {} },
      ),
    );
  } else gaps.push(`${maxDisks} disks: no zone holds ${maxDisks} usable disks within ${maxTotalSizeGiB} GiB`);
  const exact = zones
    .map((disks) => disksSummingTo(disks, maxTotalSizeGiB, maxDisks))
    .find((d) => d !== undefined);
  if (exact !== undefined && exact.length <= ctx.signer.quotas.snapshots) {
    fixed.push(
      probeDraft(
        { target: disksTarget(exact), attributes: {} },
        { what: `exactly ${maxTotalSizeGiB} GiB in all`, attributes: {} },
      ),
    );
  } else gaps.push(`exactly ${maxTotalSizeGiB} GiB: no usable disks of one zone add up to it`);
  if (fixed.length === 0) return notReachable(`account '${ctx.signer.id}' has no usable disk`);
  return gaps.length === 0 ? { fixed } : { fixed, gaps };
};
