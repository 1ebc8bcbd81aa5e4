import { describe, expect, it } from 'vitest';
import type { CaseRequest, WireParams } from '../../lib/cases.js';
import { defaultSpec } from './helpers.js';
import { evaluate } from './rule-evaluator.js';

/** The evaluator is an oracle for the generators' tests: it must itself see faults where they are. */
describe('rule evaluator (hand-written requests on the default world)', () => {
  const { world, profile } = defaultSpec();
  const request = (params: WireParams, extra: Partial<CaseRequest> = {}): CaseRequest => ({
    action: 'CreateSnapshotGroup',
    params,
    transport: { signature: 'v2', method: 'POST', body: 'form', format: 'JSON' },
    account: 'acct-main',
    ...extra,
  });
  const broken = (params: WireParams, extra: Partial<CaseRequest> = {}) =>
    [...evaluate(world, profile, { request: request(params, extra) }).broken].sort();
  const region: [string, string] = ['RegionId', 'cn-hangzhou'];
  const disk: [string, string] = ['DiskId.1', 'd-bp1h01sys'];
  const hDisks = world.disks.filter(
    (d) => d.account === 'acct-main' && d.zone === 'cn-hangzhou-h' && d.category === 'cloud_essd',
  );

  it.each<[string, WireParams, string[]]>([
    ['a valid request', [region, disk, ['Name', 'Ok']], []],
    ['a 1-character Name', [region, disk, ['Name', 'N']], ['name.min-length']],
    ['a Name with a space', [region, disk, ['Name', 'Bad name']], ['name.charset']],
    ['a non-ESSD disk', [region, ['DiskId.1', 'd-bp1badcloud']], ['disk.category-essd']],
    ['no RegionId', [disk], ['region.required']],
    ['no target', [region], ['target.required']],
    ['a tag value without key', [region, disk, ['Tag.1.Value', 'v']], ['tag.key-not-empty']],
    ['DiskId.17 alone', [region, ['DiskId.17', 'd-bp1h01sys']], ['disk-ids.index-range']],
    ['an unknown disk', [region, ['DiskId.1', 'd-nowhere']], ['disk.exists']],
    ['a disk of another zone', [region, disk, ['DiskId.2', 'd-bp1i01sys']], ['disk-ids.same-zone']],
    [
      'InstantAccess in Shanghai',
      [
        ['RegionId', 'cn-shanghai'],
        ['DiskId.1', 'd-uf6e01sys'],
        ['InstantAccess', 'true'],
      ],
      ['region.instant-access-supported'],
    ],
    [
      'retention 0',
      [region, disk, ['InstantAccess', 'true'], ['InstantAccessRetentionDays', '0']],
      ['retention-days.range'],
    ],
    ['the Pending instance', [region, ['InstanceId', 'i-bp1hpending']], ['instance.status-usable']],
  ])('finds %s', (_what, params, rules) => {
    expect(broken(params)).toEqual(rules);
  });

  it('reads maxDisks + 1 disks as DiskId.1..17 as a count fault only (catalogue note)', () => {
    const params: WireParams = [
      region,
      ...hDisks.slice(0, 17).map((d, i): [string, string] => [`DiskId.${i + 1}`, d.id]),
    ];
    expect(hDisks.length).toBeGreaterThanOrEqual(17);
    expect(broken(params)).toContain('disk-ids.max-count');
    expect(broken(params)).not.toContain('disk-ids.index-range');
  });

  it('sees protocol damage and nonce reuse', () => {
    expect(broken([region, disk], { tamper: { kind: 'wrong-secret' } })).toEqual([
      'protocol.signature-valid',
    ]);
    expect(broken([region, disk], { tamper: { kind: 'timestamp', value: 'soon' } })).toEqual([
      'protocol.timestamp-format',
    ]);
    const nonce = { kind: 'nonce', value: 'abc' } as const;
    const prelude = [request([region], { action: 'DescribeSnapshotGroups', tamper: nonce })];
    expect([
      ...evaluate(world, profile, { request: request([region, disk], { tamper: nonce }), prelude }).broken,
    ]).toEqual(['protocol.nonce-unique']);
    expect([
      ...evaluate(world, profile, { request: request([region, disk], { tamper: nonce }) }).broken,
    ]).toEqual([]);
  });
});
