import type { NearMissField } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft, WireEdit } from '../draft.js';
import type { Attributes } from '../valid/attributes.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft, type ValidRequest } from '../valid/request.js';
import { disksTarget } from '../valid/target.js';
import { repeatTo } from '../values/text.js';
import { byZone } from '../world/index.js';
import { disksSummingTo } from '../world/subset-sum.js';
import { nearMissProbes } from './near-misses.js';
import { notReachable, type Planner, type RulePlan } from './plan.js';

interface Probe {
  what: string;
  attributes: Attributes;
  instantAccessRegion?: boolean;
  edits?: WireEdit[];
  nearMisses?: Partial<Record<NearMissField, number>>;
}

/** The valid side of every documented limit (and the catalogue's settled edge cases). */
function probes(ctx: GenContext): Probe[] {
  const { name, description, tagKey, tagValue, clientToken, retentionDays } = ctx.profile.request;
  const maxTags = ctx.tagLimit(ctx.signer.id);
  // Limits of different parameters share a case (the error code names the parameter), to spare creates.
  const tags = Array.from({ length: maxTags }, (_, i) => ({ Key: `key${i + 1}`, Value: `value${i + 1}` }));
  tags[0] = {
    Key: repeatTo(tagKey.maxLength, 'TagKeyMax-'),
    Value: repeatTo(tagValue.maxLength, 'TagValueMax-'),
  };
  if (tags.length > 1 && tagValue.minLength === 0) tags[1] = { Key: 'empty-value', Value: '' };
  // A value may start with what only a key may not (the key's reserved prefixes the value's do not share).
  const keyOnly = tagKey.forbiddenPrefixes.find((p) => !tagValue.forbiddenPrefixes.includes(p));
  if (tags.length > 2 && keyOnly !== undefined) tags[2] = { Key: 'vendor', Value: `${keyOnly}-value` };
  const nameFirst = name.charset?.first.charAt(name.charset.first.length - 1) ?? 'N';
  const nameRest = name.charset?.rest ?? 'ame';
  return [
    {
      what: `Name of ${name.minLength} and Description of ${description.minLength} characters (min-length)`,
      attributes: {
        Name: nameFirst + repeatTo(name.minLength - 1, nameRest),
        Description: repeatTo(description.minLength, 'De'),
      },
    },
    {
      what: `Name of ${name.maxLength} and Description of ${description.maxLength} characters (max-length)`,
      attributes: {
        Name: nameFirst + repeatTo(name.maxLength - 1, nameRest),
        Description: repeatTo(description.maxLength, 'Description-max '),
      },
    },
    ...description.forbiddenPrefixes.slice(0, 1).map((prefix) => ({
      what: `Description with ${prefix} inside, not at its start`,
      attributes: { Description: `See ${prefix}example.com` },
    })),
    {
      what: `${maxTags} tags (tag.max-count): key of ${tagKey.maxLength} and value of ${tagValue.maxLength} characters, an empty value, a value starting with ${keyOnly}`,
      attributes: { Tag: tags },
    },
    ...[retentionDays.minimum, retentionDays.maximum].map((days) => ({
      what: `InstantAccessRetentionDays=${days}`,
      attributes: { InstantAccess: true, InstantAccessRetentionDays: days },
      instantAccessRegion: true,
    })),
    {
      what: `ClientToken of ${clientToken.maxLength} characters`,
      attributes: { ClientToken: repeatTo(clientToken.maxLength, 'ClientTokenMax-') },
    },
    ...nearMissProbes(ctx),
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
  if (probe.nearMisses !== undefined) draft.nearMisses = probe.nearMisses;
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
