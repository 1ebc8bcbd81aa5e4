import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunEvent, runConformance } from '../../lib/runner/index.js';
import { errorBody, type FakeTarget, requestId, startFakeTarget } from './fake-target.js';
import { longNameCase, options, validCase } from './fixtures.js';

const targets: FakeTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});
async function fake(...args: Parameters<typeof startFakeTarget>): Promise<FakeTarget> {
  const target = await startFakeTarget(...args);
  targets.push(target);
  return target;
}

const journalFile = () => join(mkdtempSync(join(tmpdir(), 'ecs-lost-')), 'journal.jsonl');
const creates = (target: FakeTarget) => target.seen.filter((s) => s.action === 'CreateSnapshotGroup');

describe('a create whose answer is lost on the way back', () => {
  it('is looked for on its disks, and the group found is journalled and deleted', async () => {
    let lose = 1;
    const target = await fake({ loseAnswer: () => lose-- > 0 });
    // A group on another disk, already there: not the run's, never touched.
    target.groups.set('ssg-theirs', {
      id: 'ssg-theirs',
      disks: ['d-9'],
      creationTime: '2030-01-01T00:00:00Z',
    });
    const journal = journalFile();
    const events: RunEvent[] = [];
    const outcome = await runConformance(
      options(target.url, [validCase(['d-1', 'd-2']), validCase(['d-3'])], {
        journalFile: journal,
        onEvent: (e) => events.push(e),
      }),
    );
    // The lost create had no ClientToken: never re-sent.
    expect(creates(target)).toHaveLength(2);
    expect(target.created).toHaveLength(2);
    expect([...target.groups.keys()]).toEqual(['ssg-theirs']);
    expect(outcome.leftBehind).toEqual([]);
    const lostId = target.created[0];
    expect(events).toContainEqual({ type: 'cleanup', groupId: lostId, deleted: true });
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.groupId === lostId).map((l) => l.event)).toEqual(['created', 'deleted']);
    const lookups = target.seen.filter(
      (s) => s.action === 'DescribeSnapshotGroups' && !s.params.has('SnapshotGroupId.1'),
    );
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.params.get('RegionId')).toBe('cn-hangzhou');
  });

  it('leaves alone a group on its disks made before the run', async () => {
    const target = await fake({ loseAnswer: (seen) => seen.params.get('DiskId.1') === 'd-1' });
    target.groups.set('ssg-old', { id: 'ssg-old', disks: ['d-1'], creationTime: '2001-01-01T00:00:00Z' });
    const outcome = await runConformance(options(target.url, [validCase(['d-1'])]));
    const made = target.created[0] as string;
    expect([...target.groups.keys()].sort()).toEqual(['ssg-old']);
    expect(target.groups.has(made)).toBe(false);
    expect(outcome.leftBehind).toEqual([]);
  });

  it('never deletes a group whose age cannot be read, but lists it for a person to look at', async () => {
    const target = await fake({ loseAnswer: () => true });
    target.groups.set('ssg-undated', { id: 'ssg-undated', disks: ['d-5'] });
    const outcome = await runConformance(options(target.url, [validCase(['d-5'])]));
    expect([...target.groups.keys()]).toEqual(['ssg-undated']);
    expect(outcome.leftBehind).toEqual([
      `group ssg-undated on d-5 (create to ${target.url} lost its answer; CreationTime unreadable)`,
    ]);
  });

  it('names the disks in the left-behind list when the look-up fails too', async () => {
    const target = await fake({
      loseAnswer: () => true,
      any: (seen) =>
        seen.action === 'DescribeSnapshotGroups' && !seen.params.has('SnapshotGroupId.1')
          ? { status: 403, body: errorBody('Forbidden.RAM') }
          : undefined,
    });
    const journal = journalFile();
    const outcome = await runConformance(options(target.url, [validCase(['d-7'])], { journalFile: journal }));
    expect(outcome.leftBehind).toHaveLength(1);
    expect(outcome.leftBehind[0]).toMatch(
      new RegExp(`^unknown group on d-7 \\(create to ${target.url} lost its answer; look-up failed: .*403`),
    );
    const unknown = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.event === 'unknown');
    expect(unknown).toMatchObject([{ note: outcome.leftBehind[0], disks: ['d-7'], regionId: 'cn-hangzhou' }]);
  });

  it('is not looked for after a create that never left (connection refused)', async () => {
    const gone = await fake();
    const url = gone.url;
    await gone.close();
    const outcome = await runConformance(
      options(url, [validCase(['d-1'])], { maxConsecutiveTransportFailures: 10 }),
    );
    expect(outcome.requests).toBe(1);
    expect(outcome.leftBehind).toEqual([]);
  });

  it('is not looked for after a refusal whose answer was lost', async () => {
    const target = await fake({
      any: (seen) =>
        seen.action === 'CreateSnapshotGroup'
          ? { status: 400, body: { RequestId: requestId() }, drop: true }
          : undefined,
    });
    const outcome = await runConformance(options(target.url, [longNameCase('d-1')]));
    expect(target.seen.map((s) => s.action)).toEqual(['CreateSnapshotGroup']);
    expect(outcome.leftBehind).toEqual([]);
  });
});

describe('the transport-failure streak', () => {
  it('counts every attempt, retries included: a hanging target stops the run after that many timeouts', async () => {
    const target = await fake({ any: () => ({ status: 200, body: {}, delayMs: 60_000 }) });
    // One case at a time, each with a ClientToken (repeatable): retried once after its timeout.
    const cases = Array.from({ length: 6 }, (_, i) => {
      const c = validCase([`d-${i}`]);
      return { ...c, request: { ...c.request, params: [...c.request.params, ['ClientToken', `t-${i}`]] } };
    }) as ReturnType<typeof validCase>[];
    const outcome = await runConformance(
      options(target.url, cases, { timeoutMs: 200, concurrency: 1, maxConsecutiveTransportFailures: 2 }),
    );
    expect(outcome.abort?.code).toBe('E_TARGET_UNSTABLE');
    expect(outcome.abort?.message).toMatch(/^2 consecutive requests to .* failed at the transport level/);
    // The first case's create and its one retry make the streak; after that, only its look-up goes out.
    expect(creates(target)).toHaveLength(2);
    // What stopped it is the streak (asserted above), not a stopwatch: nothing else was sent.
    expect(outcome.cases).toBe(1);
  });
});
