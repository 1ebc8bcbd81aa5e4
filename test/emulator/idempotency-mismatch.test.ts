import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { useEmulator } from './harness.js';
import { call } from './send.js';
import { REGION } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];

/** A first request carrying every parameter a replay must repeat (two disks, two tags). */
const FULL: WireParams = [
  R,
  ['InstantAccess', 'true'],
  ['InstantAccessRetentionDays', '3'],
  ['Name', 'replay-a'],
  ['Description', 'replay description'],
  ['DiskId.1', 'd-avail'],
  ['DiskId.2', 'd-avail2'],
  ['Tag.1.Key', 'team'],
  ['Tag.1.Value', 'one'],
  ['Tag.2.Key', 'cost'],
  ['Tag.2.Value', 'two'],
  ['ResourceGroupId', 'rg-main1'],
];

/** Retention days are compared on their own: without them only InstantAccess differs. */
const NO_DAYS = FULL.filter(([n]) => n !== 'InstantAccessRetentionDays');

const set = (params: WireParams, name: string, value: string): WireParams =>
  params.map(([n, v]): [string, string] => [n, n === name ? value : v]);
const without = (params: WireParams, ...names: string[]): WireParams =>
  params.filter(([n]) => !names.includes(n));

/**
 * Each parameter varied on its own (catalogue ambiguity idempotency-same-parameters): a target that
 * leaves any of them out of its comparison replays the first group instead (issue 19).
 */
const VARIATIONS: Array<[string, WireParams, WireParams]> = [
  ['Name', FULL, set(FULL, 'Name', 'replay-b')],
  ['Description', FULL, set(FULL, 'Description', 'another description')],
  ['Tag.1.Key', FULL, set(FULL, 'Tag.1.Key', 'owner')],
  ['Tag.1.Value', FULL, set(FULL, 'Tag.1.Value', 'uno')],
  ['Tag.2.Key', FULL, set(FULL, 'Tag.2.Key', 'owner')],
  ['Tag.2.Value', FULL, set(FULL, 'Tag.2.Value', 'dos')],
  ['one more tag', FULL, [...FULL, ['Tag.3.Key', 'extra'], ['Tag.3.Value', 'three']]],
  ['ResourceGroupId (another)', FULL, set(FULL, 'ResourceGroupId', 'rg-main2')],
  ['ResourceGroupId (absent)', FULL, without(FULL, 'ResourceGroupId')],
  ['InstantAccess', NO_DAYS, set(NO_DAYS, 'InstantAccess', 'false')],
  ['InstantAccess (absent, then true)', without(NO_DAYS, 'InstantAccess'), NO_DAYS],
  ['InstantAccessRetentionDays', FULL, set(FULL, 'InstantAccessRetentionDays', '4')],
  ['the disk list (one disk fewer)', FULL, without(FULL, 'DiskId.2')],
  ['the disk list order', FULL, set(set(FULL, 'DiskId.1', 'd-avail2'), 'DiskId.2', 'd-avail')],
  ['InstanceId form, then DiskId form', [R, ['InstanceId', 'i-stopped']], [R, ['DiskId.1', 'd-stopped']]],
  ['DiskId form, then InstanceId form', [R, ['DiskId.1', 'd-stopped']], [R, ['InstanceId', 'i-stopped']]],
];

describe('ClientToken reused with one parameter changed: IdempotentParameterMismatch', () => {
  const h = useEmulator();
  const create = (params: WireParams) => call(h.emulator.url, h.world, { params });

  it.each(VARIATIONS.map(([what, first, second], i) => ({ what, first, second, i })))(
    'other $what',
    async ({ first, second, i }) => {
      const token: [string, string] = ['ClientToken', `token-mismatch-${i}`];
      const accepted = await create([...first, token]);
      expect(accepted.status, accepted.text).toBe(200);
      const groups = h.emulator.state.groupCount;
      const other = await create([...second, token]);
      expect([other.body.Code, other.status]).toEqual(['IdempotentParameterMismatch', 403]);
      expect(h.emulator.state.groupCount).toBe(groups);
      // The same request again is still a replay: the mismatch is about the parameter, not the token.
      const replay = await create([...first, token]);
      expect(replay.body.SnapshotGroupId).toBe(accepted.body.SnapshotGroupId);
    },
  );

  it('protocol parameters are no part of the comparison: another transport replays', async () => {
    const token: [string, string] = ['ClientToken', 'token-transport'];
    const first = await create([...FULL, token]);
    const again = await call(h.emulator.url, h.world, {
      params: [...FULL, token],
      transport: { signature: 'v2', method: 'GET', format: 'XML' },
    });
    expect(first.status).toBe(200);
    expect(again.body.SnapshotGroupId).toBe(first.body.SnapshotGroupId);
  });
});
