import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/cases.js';
import { closeSession, createSession, runRules } from '../../lib/runner/index.js';
import { mergeTallies, RuleTally, type TallyData } from '../../lib/runner/tally.js';
import { type FakeTarget, startFakeTarget } from './fake-target.js';
import { options, validCase } from './fixtures.js';

// Issue 16: the near-miss phase appears in the reports. Its counts come from the engine's tallies, so
// that a sharded run merged adds up to the run in one piece.
const targets: FakeTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

const RULE = 'valid.boundaries-accepted';

/** A valid create carrying near misses; `name` set, it is sent (the fake refuses one over 128 characters). */
function nearMissCase(disk: string, nearMisses: Case['nearMisses'], name?: string): Case {
  const c = validCase([disk]);
  c.nearMisses = nearMisses;
  if (name !== undefined) {
    c.request.params.push(['Name', name]);
    if (c.expectGroup !== undefined) c.expectGroup.name = name;
  }
  return c;
}

describe('near-miss counts', () => {
  it("are counted per field on the rule's own tally: sent, accepted, refused", async () => {
    const target = await startFakeTarget();
    targets.push(target);
    const cases = [
      nearMissCase('d-1', { Name: 1, 'Tag.N.Key': 2 }),
      nearMissCase('d-2', { Name: 1 }, `a${'b'.repeat(128)}`),
      nearMissCase('d-3', { Name: 1, 'Tag.N.Value': 3 }),
      validCase(['d-4']),
    ];
    const session = await createSession(options(target.url, cases));
    const [result] = await runRules(session, [RULE]);
    expect(result?.casesRun).toBe(4);
    expect(result?.nearMisses).toEqual({
      Name: { sent: 3, accepted: 2, refused: 1 },
      'Tag.N.Key': { sent: 2, accepted: 2, refused: 0 },
      'Tag.N.Value': { sent: 3, accepted: 3, refused: 0 },
    });
    await closeSession(session);
  });

  it('add up across shards: merged tallies equal the tally of all the cases', () => {
    const fed: Array<[string, { sent: number; accepted: number; refused: number }]> = [
      ['Name', { sent: 1, accepted: 1, refused: 0 }],
      ['Tag.N.Key', { sent: 8, accepted: 0, refused: 8 }],
      ['Name', { sent: 1, accepted: 0, refused: 1 }],
      ['Description', { sent: 1, accepted: 1, refused: 0 }],
    ];
    const whole = new RuleTally();
    for (const [field, count] of fed) whole.addNearMisses(field, count);
    const parts: TallyData[] = [fed.slice(0, 1), fed.slice(1, 3), fed.slice(3)].map((slice) => {
      const part = new RuleTally();
      for (const [field, count] of slice) part.addNearMisses(field, count);
      return part.toData();
    });
    const expected = {
      Name: { sent: 2, accepted: 1, refused: 1 },
      'Tag.N.Key': { sent: 8, accepted: 0, refused: 8 },
      Description: { sent: 1, accepted: 1, refused: 0 },
    };
    expect(whole.toData().nearMisses).toEqual(expected);
    expect(mergeTallies(RULE, parts).toData().nearMisses).toEqual(expected);
    expect(mergeTallies(RULE, [...parts].reverse()).toData().nearMisses).toEqual(expected);
    // Plain data: a part's counts are not the merged tally's objects.
    expect(parts[0]?.nearMisses).toEqual({ Name: { sent: 1, accepted: 1, refused: 0 } });
  });

  it('a tally without near misses leaves them out of its data', () => {
    expect(new RuleTally().toData()).not.toHaveProperty('nearMisses');
  });
});
