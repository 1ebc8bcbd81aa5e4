import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import type { Case, WireParams } from '../../lib/cases.js';
import { casesFor, defaultSpec, verdictOf } from './helpers.js';

const RULE = 'idempotency.parameter-mismatch';

/** The business parameters of a request: protocol parameters (nonce, timestamp, signature) differ anyway. */
const PROTOCOL = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Signature',
  'SecurityToken',
]);
const business = (params: WireParams): Map<string, string> =>
  new Map(params.filter(([name]) => !PROTOCOL.has(name)));

/** Names whose value differs between two requests, present in one only included. */
function differing(a: WireParams, b: WireParams): string[] {
  const [x, y] = [business(a), business(b)];
  const names = new Set([...x.keys(), ...y.keys()]);
  return [...names].filter((n) => x.get(n) !== y.get(n)).sort();
}

const fixedCases = (): Case[] => {
  const cases = casesFor(1).cases.filter((c) => c.rule === RULE && c.prelude !== undefined);
  // The first draws are the deterministic cases, in the order the generator builds them.
  return cases.filter((c) => !/^ct-[0-9a-f]{8}-/.test(String(business(c.request.params).get('ClientToken'))));
};

describe('idempotency.parameter-mismatch varies every parameter on its own (issue 19)', () => {
  const cases = fixedCases();
  // DiskId.N of an instance's disks: how many depends on the instance, so counted as one name.
  const whatDiffers = cases.map((c) =>
    differing(c.prelude?.[0]?.params ?? [], c.request.params)
      .join(' ')
      .replace(/(DiskId\.\d+ )+DiskId\.\d+ InstanceId/, 'DiskId.N InstanceId'),
  );

  it('has one deterministic case per parameter, whatever the seed', () => {
    expect(cases.length).toBe(13);
    expect(whatDiffers).toEqual([
      'Name',
      'Description',
      'Tag.1.Key',
      'Tag.1.Value',
      'Tag.2.Key',
      'Tag.2.Value',
      'Tag.3.Key Tag.3.Value',
      'ResourceGroupId',
      'InstantAccess',
      'InstantAccessRetentionDays',
      'DiskId.2',
      'DiskId.1 DiskId.2',
      'DiskId.N InstanceId',
    ]);
  });

  it('reuses the first request’s token, and the evaluator reads each case as that rule alone', () => {
    const { world, profile } = defaultSpec();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const first = c.prelude?.[0] as Case['request'];
      expect(business(first.params).get('ClientToken'), c.id).toBe(
        business(c.request.params).get('ClientToken'),
      );
      expect([...verdictOf(world, profile, c).broken], c.id).toEqual([RULE]);
      // Both requests valid on their own: the first snapshots, the second only differs.
      expect([...verdictOf(world, profile, { ...c, prelude: [] }).broken], c.id).toEqual([]);
    }
  });

  it('the reordered disk list names the same disks, and the DiskId form the instance’s disks', () => {
    const reordered = cases[11] as Case;
    const diskIds = (p: WireParams) => p.filter(([n]) => n.startsWith('DiskId.')).map(([, v]) => v);
    const first = reordered.prelude?.[0]?.params ?? [];
    expect(diskIds(reordered.request.params)).toEqual([...diskIds(first)].reverse());
    expect(diskIds(first)).toHaveLength(2);
    const form = cases[12] as Case;
    expect(business(form.prelude?.[0]?.params ?? []).has('InstanceId')).toBe(true);
    expect(diskIds(form.request.params).sort()).toEqual([...form.disks].sort());
  });

  it('random cases vary drawn parameters, more than Name alone', () => {
    const { cases: drawn } = generateCases({ ...defaultSpec(), seed: 7, runs: 60, only: [RULE] });
    const random = drawn.filter((c) =>
      /^ct-[0-9a-f]{8}-/.test(String(business(c.request.params).get('ClientToken'))),
    );
    const varied = new Set(
      random.map((c) =>
        differing(c.prelude?.[0]?.params ?? [], c.request.params)[0]?.replace(/\.\d+\./, '.N.'),
      ),
    );
    expect(random.length).toBeGreaterThan(10);
    expect(varied.size).toBeGreaterThanOrEqual(4);
  });
});
