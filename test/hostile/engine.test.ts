import { afterAll, describe, expect, it } from 'vitest';
import { createClient, DEFAULT_MAX_RESPONSE_BYTES } from '../../lib/client/index.js';
import { MAX_SAMPLE_BODY } from '../../lib/runner/samples.js';
import { type EngineRun, runEngine } from './engine-run.js';
import type { LoopbackServer } from './loopback.js';
import {
  chunkedGarbageTarget,
  htmlErrorTarget,
  hugeBodyTarget,
  invalidJsonTarget,
  invalidXmlTarget,
  midBodyCloseTarget,
  recordingTarget,
  redirectTarget,
  resetTarget,
  silentTarget,
  slowTarget,
  wrongContentLengthTarget,
} from './targets.js';

// What ends each run against a broken target is asserted as behaviour, not timed (a wall-clock bound on a
// shared 2-core machine measures its load): the transport-failure streak stops it (abort code, every
// later case skipped with that reason), and a huge body is cut at the client's cap (truncated).
// Targets that answer at once get a longer timeout: the concurrent 10 MiB test must not turn them into timeouts.
const ANSWERING_TIMEOUT_MS = 15_000;
const servers: LoopbackServer[] = [];
const track = async (started: Promise<LoopbackServer>): Promise<LoopbackServer> => {
  const server = await started;
  servers.push(server);
  return server;
};
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** Nothing may be called passed against a broken target, and nothing may be left behind. */
function expectNothingPassed(run: EngineRun): void {
  expect(run.cases.length).toBeGreaterThan(0);
  expect(run.cases.filter((c) => c.passed)).toEqual([]);
  expect(run.outcome.rules.map((rule) => rule.verdict)).not.toContain('passed');
  expect(run.outcome.leftBehind).toEqual([]);
}

describe.concurrent('transport-level misbehaviour: each case inconclusive with the failure, run stopped', () => {
  const STREAK = 2;
  // Short timeouts only where the wait is the misbehaviour; the others fail at once and must not time out.
  const SHORT = 500;
  it.each([
    [
      'never answers',
      silentTarget,
      SHORT,
      /^E_TARGET_TIMEOUT: timeout \(UND_ERR_HEADERS_TIMEOUT\) waiting for http:\/\/127\.0\.0\.1:\d+/,
    ],
    [
      'answers after the timeout',
      () => slowTarget(3_000),
      SHORT,
      /^E_TARGET_TIMEOUT: timeout \(UND_ERR_HEADERS_TIMEOUT\)/,
    ],
    [
      'closes the connection mid-body',
      midBodyCloseTarget,
      ANSWERING_TIMEOUT_MS,
      /^E_TARGET_BODY: connection lost while reading the body from http:\/\/127\.0\.0\.1:\d+/,
    ],
    ['resets the connection', resetTarget, ANSWERING_TIMEOUT_MS, /^E_TARGET_UNREACHABLE: .*ECONNRESET/],
    [
      'sends a Content-Length longer than its body',
      wrongContentLengthTarget,
      ANSWERING_TIMEOUT_MS,
      /^E_TARGET_BODY: /,
    ],
    [
      'sends chunked garbage',
      chunkedGarbageTarget,
      ANSWERING_TIMEOUT_MS,
      /^E_TARGET_BODY: .*(chunk|malformed|HTTPParserError)/i,
    ],
  ] as const)('%s', async (_, start, timeoutMs, reason) => {
    const target = await track(start());
    const run = await runEngine(target.url, { timeoutMs, maxConsecutiveTransportFailures: STREAK });
    expectNothingPassed(run);
    const inconclusive = run.cases.filter((c) => c.verdict === 'inconclusive');
    expect(inconclusive.length).toBeGreaterThanOrEqual(STREAK);
    for (const c of run.cases) {
      if (c.verdict === 'inconclusive') expect(c.reason).toMatch(reason);
      else {
        expect(c.verdict).toBe('skipped');
        expect(c.reason).toMatch(/run stopped first \(E_TARGET_UNSTABLE\)/);
      }
    }
    expect(run.outcome.abort?.code).toBe('E_TARGET_UNSTABLE');
    expect(run.outcome.abort?.message).toMatch(
      new RegExp(
        `^${STREAK} consecutive requests to ${target.url} failed at the transport level \\(last: E_TARGET_`,
      ),
    );
    for (const rule of run.outcome.rules) expect(['inconclusive', 'skipped']).toContain(rule.verdict);
  });
});

describe.concurrent('well-framed wrong answers: each case failed with a finding that says what came back', () => {
  it.each([
    ['invalid JSON', invalidJsonTarget, /^400 \(no Code in the body\)$/],
    ['invalid XML', invalidXmlTarget, /^400 \(no Code in the body\)$/],
    ['an HTML error page', htmlErrorTarget, /^502 \(no Code in the body\)$/],
    ['10 MiB of body', () => hugeBodyTarget(), /^400 /],
  ])('%s', async (_, start, actual) => {
    const target = await track(start());
    const run = await runEngine(target.url, { timeoutMs: ANSWERING_TIMEOUT_MS });
    expectNothingPassed(run);
    expect(run.outcome.abort).toBeUndefined();
    // Every request the engine counted reached the target once: nothing hung, nothing went unrecorded.
    expect(target.requests.length).toBe(run.outcome.requests);
    for (const c of run.cases) {
      expect(c.verdict, c.reason).toBe('failed');
      expect(c.findings).toBeGreaterThan(0);
    }
    for (const rule of run.outcome.rules) {
      expect(rule.verdict).toBe('failed');
      expect(rule.findings.map((f) => f.actual)).toContainEqual(expect.stringMatching(actual));
      for (const sample of rule.samples)
        expect(sample.response?.body.length ?? 0).toBeLessThan(MAX_SAMPLE_BODY + 200);
    }
  });

  it('a 302 to another host is reported, never followed: the other host receives nothing', async () => {
    const elsewhere = await track(recordingTarget());
    const target = await track(redirectTarget((path) => `${elsewhere.url}${path}`));
    const run = await runEngine(target.url, { timeoutMs: ANSWERING_TIMEOUT_MS });
    expectNothingPassed(run);
    for (const c of run.cases) expect(c.verdict).toBe('failed');
    const actuals = run.outcome.rules.flatMap((rule) => rule.findings.map((f) => f.actual));
    expect(actuals).toContainEqual(expect.stringMatching(/^302\b/));
    expect(target.requests.length).toBe(run.outcome.requests);
    expect(elsewhere.connections).toBe(0);
    expect(elsewhere.requests).toEqual([]);
  });
});

it('the client keeps at most its cap of a 10 MiB body, and says it cut it', async () => {
  const target = await track(hugeBodyTarget());
  const client = createClient({
    target: target.url,
    credentials: () => ({ accessKeyId: 'LTAI5tHugeBody', accessKeySecret: 'huge-body-secret-value' }),
  });
  const exchange = await client.call('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']], 'main');
  await client.close();
  expect(exchange.failure).toBeUndefined();
  expect(exchange.response?.truncated).toBe(true);
  expect(Buffer.byteLength(exchange.response?.rawBody ?? '')).toBeLessThanOrEqual(DEFAULT_MAX_RESPONSE_BYTES);
  expect(exchange.response?.parsed.format).toBe('unparseable');
});
