import { afterAll, describe, expect, it } from 'vitest';
import { shareOf } from '../../lib/cli/prepare.js';
import { closeSession, createSession, type Session } from '../../lib/runner/index.js';
import { FAMILIES } from '../../lib/spec/catalogue.js';
import { loadSpec } from '../../lib/spec/load.js';
import { plannedWork, propertyRuns } from '../../suites/support/progress.js';

const spec = loadSpec();
let session: Session | undefined;
afterAll(async () => {
  if (session) await closeSession(session);
});

describe('plannedWork', () => {
  it("plans a shard's own families only, and the shards' plans add up to the whole run's", async () => {
    session = await createSession({
      target: 'http://127.0.0.1:9',
      world: spec.world,
      catalogue: spec.catalogue,
      profile: spec.profile,
      seed: 3,
      runs: 2,
      transports: [{ signature: 'v2', method: 'POST', body: 'form', format: 'JSON' }],
    });
    const whole = plannedWork(session, 2, FAMILIES);
    expect(whole.rules).toBe(spec.catalogue.rules.length);
    const protocol = plannedWork(session, 2, ['protocol']);
    expect(protocol.rules).toBe(spec.catalogue.rules.filter((rule) => rule.family === 'protocol').length);
    expect(protocol.cases).toBeGreaterThan(propertyRuns(2));
    const shards = [1, 2, 3].map((index) =>
      plannedWork(session as Session, 2, shareOf(FAMILIES, { index, count: 3 })),
    );
    expect(shards.reduce((sum, share) => sum + share.cases, 0)).toBe(whole.cases);
    expect(shards.reduce((sum, share) => sum + share.rules, 0)).toBe(whole.rules);
    expect(Math.max(...shards.map((share) => share.cases))).toBeLessThan(whole.cases);
  });
});
