import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/checks/index.js';
import type { CaseOutcome } from '../../lib/runner/case-runner.js';
import { closeSession, createSession } from '../../lib/runner/index.js';
import { recordOutcome, watchTallies } from '../../lib/runner/record.js';
import type { Session } from '../../lib/runner/session.js';
import { mergeTallies, type TallyData } from '../../lib/runner/tally.js';
import { longNameCase, options, validCase } from './fixtures.js';

// Issue 19: each suite file's share of a cross-cutting rule is what watchTallies saw while the file
// ran; the run's verdict adds the shares up. Shares that overlap or miss cases were caught only by
// the slow shard test (test/scale/shards.test.ts); this checks the same arithmetic in-process.
const CROSS = 'valid.request-id-unique';

function outcome(kind: 'pass' | 'fail' | 'inconclusive'): CaseOutcome {
  const c = kind === 'fail' ? longNameCase() : validCase(['d-1']);
  const findings: Finding[] =
    kind === 'fail'
      ? [
          {
            check: 'requestIdFormat',
            rule: CROSS,
            caseId: c.id,
            message: 'bad id',
            expected: 'e',
            actual: 'a',
          },
        ]
      : [];
  return {
    case: c,
    verdict: kind === 'fail' ? 'failed' : kind === 'inconclusive' ? 'inconclusive' : 'passed',
    ...(kind === 'inconclusive' && { reason: 'E_TARGET_TIMEOUT' }),
    findings,
    preludeExchanges: [],
    rules: [c.rule, CROSS],
  };
}

/** One suite file: watch, record its cases, stop; its share of the cross-cutting rule. */
function file(session: Session, kinds: Array<'pass' | 'fail' | 'inconclusive'>): TallyData {
  const watch = watchTallies(session, [CROSS]);
  for (const kind of kinds) recordOutcome(session, outcome(kind));
  return watch.stop()[CROSS] as TallyData;
}

const counts = (t: TallyData) => ({
  casesRun: t.casesRun,
  casesFailed: t.casesFailed,
  findingsTotal: t.findingsTotal,
  findings: t.findings.map((f) => f.caseId),
  failing: t.failing.map((s) => s.id),
  passing: t.passing?.id,
});

describe('cross-cutting shares of suite files', () => {
  it('are disjoint, one per file, and add up to what the whole session saw', async () => {
    const session = await createSession(options('http://127.0.0.1:9', []));
    try {
      const before = session.tally(CROSS).casesRun;
      const shares = [
        file(session, ['pass', 'fail']),
        file(session, ['fail', 'pass', 'pass']),
        file(session, []),
        file(session, ['pass']),
      ];
      // Each file counts its own cases only, not those of the files before it.
      expect(shares.map((s) => [s.casesRun, s.casesFailed])).toEqual([
        [2, 1],
        [3, 1],
        [0, 0],
        [1, 0],
      ]);
      const whole = session.tally(CROSS).toData();
      expect(whole.casesRun - before).toBe(6);
      expect(counts(mergeTallies(CROSS, shares).toData())).toEqual(counts(whole));
      expect(counts(mergeTallies(CROSS, [...shares].reverse()).toData())).toEqual(counts(whole));
    } finally {
      await closeSession(session);
    }
  });

  it('a stopped watch sees no later case, and two files in flight each see the cases recorded meanwhile', async () => {
    const session = await createSession(options('http://127.0.0.1:9', []));
    try {
      const first = watchTallies(session, [CROSS]);
      recordOutcome(session, outcome('fail'));
      const second = watchTallies(session, [CROSS]);
      recordOutcome(session, outcome('pass'));
      const firstShare = first.stop()[CROSS] as TallyData;
      recordOutcome(session, outcome('pass'));
      const secondShare = second.stop()[CROSS] as TallyData;
      expect([firstShare.casesRun, secondShare.casesRun]).toEqual([2, 2]);
      expect(first.peek()[CROSS]?.casesRun).toBe(2);
    } finally {
      await closeSession(session);
    }
  });
});
