import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openGroups, readLeftovers, sweep } from '../../lib/cli/sweeper.js';
import type { Exchange } from '../../lib/client/exchange.js';

const journal = (lines: string[]): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'ecs-sweeper-')), 'journal.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

const answer = (status: number, code?: string): Exchange => ({
  request: { method: 'POST', url: 'http://127.0.0.1/', headers: {}, body: '' },
  response: {
    status,
    headers: {},
    rawBody: '',
    truncated: false,
    parsed: { format: 'json', value: code === undefined ? { RequestId: 'R' } : { Code: code } },
  },
  retries: [],
  timing: { startedAt: new Date(0).toISOString(), durationMs: 1 },
});

describe('journal sweeper', () => {
  it('reads a journal larger than its chunk line by line, multi-byte characters across chunk edges included', () => {
    // 30,000 entries (about 3 MB, three reading chunks): every third deleted, each with a two-byte character.
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      lines.push(
        JSON.stringify({ event: 'created', groupId: `ssg-${i}`, account: `acct-é${'x'.repeat(i % 50)}` }),
      );
      if (i % 3 === 0) lines.push(JSON.stringify({ event: 'deleted', groupId: `ssg-${i}` }));
    }
    const open = openGroups(journal(lines));
    expect(open).toHaveLength(20_000);
    expect(open[0]).toEqual({ id: 'ssg-1', account: 'acct-éx' });
    expect(open.at(-1)).toEqual({ id: 'ssg-29999', account: `acct-é${'x'.repeat(29_999 % 50)}` });
    expect(open.every((group) => group.account?.startsWith('acct-é'))).toBe(true);
  });

  it('finds groups created and not deleted, reading field names leniently and skipping torn lines', () => {
    const file = journal([
      '{"event":"created","groupId":"ssg-1","region":"cn-hangzhou","account":"main"}',
      '{"type":"created","snapshotGroupId":"ssg-2","regionId":"cn-beijing"}',
      '{"op":"created","id":"ssg-3"}',
      '{"event":"deleted","groupId":"ssg-2"}',
      '{"event":"created","groupId":"ssg-4"', // torn by a crash
    ]);
    expect(openGroups(file)).toEqual([
      { id: 'ssg-1', region: 'cn-hangzhou', account: 'main' },
      { id: 'ssg-3' },
    ]);
    expect(openGroups(join(tmpdir(), 'no-such-journal.jsonl'))).toEqual([]);
  });

  it('deletes each open group; not found counts as gone; failures are left behind', async () => {
    const file = journal(
      ['a', 'b', 'c', 'd'].map((id) => JSON.stringify({ event: 'created', groupId: `ssg-${id}` })),
    );
    const asked: string[] = [];
    const leftBehind = await sweep(file, async (group) => {
      asked.push(group.id);
      if (group.id === 'ssg-a') return answer(200);
      if (group.id === 'ssg-b') return answer(404, 'InvalidSnapshotGroupId.NotFound');
      if (group.id === 'ssg-c') return answer(403, 'Forbidden');
      throw new Error('socket hang up');
    });
    expect(asked).toEqual(['ssg-a', 'ssg-b', 'ssg-c', 'ssg-d']);
    expect(leftBehind).toEqual(['ssg-c', 'ssg-d']);
  });

  it('keeps every lost create of the journal in the left-behind list, after the groups it could not delete', async () => {
    const note = 'unknown group on d-1 (create to http://t lost its answer; look-up failed: x)';
    const file = journal([
      JSON.stringify({ event: 'created', groupId: 'ssg-x' }),
      JSON.stringify({
        event: 'unknown',
        note,
        regionId: 'cn-hangzhou',
        account: 'main',
        caseId: 'c',
        disks: ['d-1'],
      }),
      '{"event":"unknown"}',
    ]);
    expect(readLeftovers(file).lost).toEqual([note, 'unknown group (a create lost its answer)']);
    const asked: string[] = [];
    const leftBehind = await sweep(file, async (group) => {
      asked.push(group.id);
      return answer(500, 'InternalError');
    });
    expect(asked).toEqual(['ssg-x']);
    expect(leftBehind).toEqual(['ssg-x', note, 'unknown group (a create lost its answer)']);
  });
});
