import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { parseReplayArgs, replayCommand } from '../../lib/client/index.js';
import { captureIo } from '../cli/helpers/cli.js';
import { shellSplit } from '../helpers/shell-split.js';
import { removeDir, tempDir } from '../hostile/cli.js';
import { JSON_TYPE, type LoopbackServer, type Recorded, startLoopback } from '../hostile/loopback.js';
import { findLeaks, signaturesOf } from './scan.js';
import { KNOWN, KNOWN_ARGS, KNOWN_ENV, writeKnownWorld } from './world.js';

// `replay` prints a target's answer: an echoing target must not get the user's secret, STS token or this
// replay's own signature onto the terminal (issue 14.3), and a replayed create must not leave a group
// behind without saying so (issue 15.8).
const worldDir = tempDir('safety-replay');
const { file: worldFile } = writeKnownWorld(worldDir);
const opened: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  removeDir(worldDir);
});

const GROUP_ID = 'ssg-replay0123456789';

/**
 * Everything it received, echoed in headers and body; creates succeed; deletes as `onDelete` says. With
 * `ansi`, the body ends in a raw terminal control sequence (which makes it invalid JSON: no group).
 */
async function echoingTarget(onDelete: 'ok' | 'reset' = 'ok', ansi = false): Promise<LoopbackServer> {
  const target = await startLoopback((_req, res, recorded: Recorded) => {
    if (recorded.action === 'DeleteSnapshotGroup' && onDelete === 'reset') {
      res.socket?.resetAndDestroy();
      return;
    }
    const echo = `${recorded.method} ${recorded.url} ${recorded.body} ${JSON.stringify(recorded.headers)}`;
    res.writeHead(200, {
      'content-type': JSON_TYPE,
      'x-echo-url': recorded.url,
      'x-echo-body': recorded.body,
      'x-echo-authorization': String(recorded.headers.authorization ?? ''),
      'x-echo-token': String(recorded.headers['x-acs-security-token'] ?? ''),
    });
    const created = recorded.action === 'CreateSnapshotGroup' ? { SnapshotGroupId: GROUP_ID } : {};
    const body = JSON.stringify({
      RequestId: 'E1B2C3D4-0000-4000-8000-000000000001',
      ...created,
      Echo: echo,
    });
    res.end(ansi ? `${body}\u001b[2J` : body);
  });
  opened.push(target);
  return target;
}

function createArgs(target: string, signature: 'v2' | 'v3', extra: string[] = []): string[] {
  return [
    'replay',
    ...['--target', target, '--world', worldFile, '--action', 'CreateSnapshotGroup'],
    ...['--account', 'acct-main', '--signature', signature, '--method', 'POST', '--body', 'form'],
    ...['--format', 'JSON', '--param', 'RegionId=cn-hangzhou', '--param', 'InstanceId=i-replay'],
    // The user's keys (and token) must sign here for the test to look for them: a loopback target gets
    // only the world's by default.
    ...KNOWN_ARGS,
    ...extra,
  ];
}

async function replay(args: string[]) {
  const cli = captureIo(worldDir, { ...KNOWN_ENV });
  const code = await main(args, cli.io);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

describe('replay against a target that echoes every request', () => {
  for (const signature of ['v2', 'v3'] as const) {
    it(`prints no secret, token or ${signature} signature, in headers or body`, async () => {
      const target = await echoingTarget('ok', true);
      const out = await replay(createArgs(target.url, signature));
      expect(out.code, out.stderr).toBe(0);
      const [create] = target.requests;
      // The secrets really travelled, and were echoed: the answer's headers and body hold them.
      const sent = JSON.stringify(create);
      expect(sent).toMatch(signature === 'v2' ? /SecurityToken=/ : /x-acs-security-token/);
      const signatures = signaturesOf(target.requests);
      expect(signatures.length).toBeGreaterThan(0);
      expect(out.stdout).toContain('< x-echo-url:');
      expect(out.stdout).toContain('< x-echo-authorization:');
      const leaks = findLeaks(
        [
          ['stdout', out.stdout],
          ['stderr', out.stderr],
        ],
        [
          { label: 'AccessKeySecret', value: KNOWN.accessKeySecret },
          { label: 'SecurityToken', value: KNOWN.securityToken },
          ...signatures.map((value, i) => ({ label: `Signature #${i + 1}`, value })),
        ],
      );
      expect(leaks).toEqual([]);
      // A control sequence in the answer reaches the terminal escaped.
      expect(out.stdout).not.toContain('\u001b');
      expect(out.stdout).toContain('\\x1b[2J');
    });
  }
});

describe('replay of a create', () => {
  it('deletes the group it created, and says so', async () => {
    const target = await echoingTarget();
    const out = await replay(createArgs(target.url, 'v2'));
    expect(out.code, out.stderr).toBe(0);
    expect(target.requests.map((r) => r.action)).toEqual(['CreateSnapshotGroup', 'DeleteSnapshotGroup']);
    expect(new URLSearchParams(target.requests[1]?.body).get('SnapshotGroupId')).toBe(GROUP_ID);
    expect(out.stdout).toContain(`created snapshot group ${GROUP_ID}; deleted it again`);
  });

  it('with --keep leaves it, and prints its id and a delete command that works', async () => {
    const target = await echoingTarget();
    const out = await replay(createArgs(target.url, 'v2', ['--keep']));
    expect(out.code, out.stderr).toBe(0);
    expect(target.requests.map((r) => r.action)).toEqual(['CreateSnapshotGroup']);
    expect(out.stdout).toContain(`created snapshot group ${GROUP_ID}; kept (--keep)`);
    const line = out.stdout.split('\n').find((l) => l.includes('--action DeleteSnapshotGroup')) ?? '';
    const words = shellSplit(line.trim());
    expect(words.slice(0, 3)).toEqual(['npx', 'ecs-conformance', 'replay']);
    const parsed = parseReplayArgs(words.slice(3));
    expect(parsed.request.params).toEqual([
      ['RegionId', 'cn-hangzhou'],
      ['SnapshotGroupId', GROUP_ID],
    ]);
    // Sending that command deletes the group.
    const again = await replay(words.slice(2));
    expect(again.code, again.stderr).toBe(0);
    expect(target.requests.at(-1)?.action).toBe('DeleteSnapshotGroup');
  });

  it('names what it left behind, with exit 3, when the delete gets no answer', async () => {
    const target = await echoingTarget('reset');
    const out = await replay(createArgs(target.url, 'v2'));
    expect(out.code).toBe(3);
    expect(out.stderr).toContain(`left behind: ${GROUP_ID}; delete it with:`);
    expect(out.stderr).toContain('--action DeleteSnapshotGroup');
  });
});

describe('replay commands written into reports', () => {
  it('carry --keep when asked (a prelude create whose group the next command needs), which parses back', () => {
    const request = parseReplayArgs(createArgs('http://127.0.0.1:9', 'v2').slice(1)).request;
    const kept = shellSplit(replayCommand('http://127.0.0.1:9', request, { keep: true }));
    expect(kept.at(-1)).toBe('--keep');
    expect(parseReplayArgs(kept.slice(3)).keep).toBe(true);
    expect(parseReplayArgs(shellSplit(replayCommand('http://127.0.0.1:9', request)).slice(3)).keep).toBe(
      false,
    );
  });
});
