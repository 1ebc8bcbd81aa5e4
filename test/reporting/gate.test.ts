import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBaseline } from '../../lib/reporting/baseline.js';
import type { Baseline } from '../../lib/reporting/baseline-types.js';
import { gate, renderGate } from '../../lib/reporting/gate.js';
import { fixture, fixturePath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reporting-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TODAY = new Date('2025-06-15T12:00:00Z');
const FAILING = ['disk.ever-used', 'name.max-length', 'protocol.signature-valid'];

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const acceptance = (accepted: unknown[]): Baseline =>
  loadBaseline(file(`accept-${Math.random().toString(36).slice(2)}.json`, JSON.stringify({ accepted })));

describe('gate without a baseline', () => {
  it('exits 1 when any rule failed', () => {
    const result = gate(fixture('run-fail'), undefined, TODAY);
    expect(result).toEqual({
      exitCode: 1,
      newFailures: FAILING,
      acceptedFailures: [],
      expired: [],
      fixed: [],
    });
  });
  it('exits 0 when nothing failed, even with rules not covered', () => {
    expect(gate(fixture('run-not-covered'), undefined, TODAY).exitCode).toBe(0);
  });
});

describe('gate against a previous conformance.json', () => {
  it('exits 0 when the same rules fail as before', () => {
    const result = gate(fixture('run-fail'), loadBaseline(fixturePath('run-fail')), TODAY);
    expect(result).toEqual({
      exitCode: 0,
      newFailures: [],
      acceptedFailures: FAILING,
      expired: [],
      fixed: [],
    });
  });
  it('exits 1 on a rule that newly fails, and lists what was fixed', () => {
    const before = fixture('run-fail');
    for (const rule of before.rules) if (rule.id !== 'name.max-length') rule.verdict = 'passed';
    before.rules.push({
      ...(before.rules[0] as (typeof before.rules)[number]),
      id: 'tag.max-count',
      verdict: 'failed',
    });
    const baseline: Baseline = { kind: 'report', file: 'old.json', report: before };
    const now = fixture('run-fail');
    const result = gate(now, baseline, TODAY);
    expect(result.exitCode).toBe(1);
    expect(result.newFailures).toEqual(['disk.ever-used', 'protocol.signature-valid']);
    expect(result.acceptedFailures).toEqual(['name.max-length']);
    // tag.max-count is absent from the new run: not "fixed", since it did not pass.
    expect(result.fixed).toEqual([]);
  });
  it('lists rules failing before and passing now as fixed', () => {
    const result = gate(fixture('run-pass'), loadBaseline(fixturePath('run-fail')), TODAY);
    expect(result).toMatchObject({ exitCode: 0, fixed: FAILING });
  });
});

describe('gate against an acceptance file', () => {
  it('exits 0 when every failure is accepted and unexpired (expiry day itself included)', () => {
    const baseline = acceptance([
      { rule: 'disk.ever-used', reason: 'emulator lacks the state', expires: '2025-06-15' },
      { rule: 'name.max-length', reason: 'vendor ticket 12' },
      { rule: 'protocol.signature-valid', reason: 'proxy drops', expires: '2026-01-01' },
    ]);
    expect(gate(fixture('run-fail'), baseline, TODAY)).toEqual({
      exitCode: 0,
      newFailures: [],
      acceptedFailures: FAILING,
      expired: [],
      fixed: [],
    });
  });
  it('exits 1 when an acceptance expired before today', () => {
    const baseline = acceptance([
      { rule: 'disk.ever-used', reason: 'emulator lacks the state', expires: '2025-06-14' },
      { rule: 'name.max-length', reason: 'vendor ticket 12' },
      { rule: 'protocol.signature-valid', reason: 'proxy drops' },
    ]);
    const result = gate(fixture('run-fail'), baseline, TODAY);
    expect(result.exitCode).toBe(1);
    expect(result.expired).toEqual(['disk.ever-used']);
    expect(result.acceptedFailures).toEqual(['name.max-length', 'protocol.signature-valid']);
    expect(renderGate(result)).toContain('expired acceptances: disk.ever-used');
  });
  it('exits 1 on a failure that is not accepted', () => {
    const result = gate(
      fixture('run-fail'),
      acceptance([{ rule: 'name.max-length', reason: 'ticket' }]),
      TODAY,
    );
    expect(result).toMatchObject({
      exitCode: 1,
      newFailures: ['disk.ever-used', 'protocol.signature-valid'],
    });
  });
  it('lists accepted rules that pass now as fixed (the acceptance can go)', () => {
    const result = gate(
      fixture('run-pass'),
      acceptance([{ rule: 'name.max-length', reason: 'ticket' }]),
      TODAY,
    );
    expect(result).toMatchObject({ exitCode: 0, fixed: ['name.max-length'] });
  });
});

describe('loadBaseline', () => {
  it('reads an acceptance file written in YAML', () => {
    const path = file(
      'accept.yaml',
      'accepted:\n  - rule: name.max-length\n    reason: ticket 12\n    expires: "2030-01-01"\n',
    );
    expect(loadBaseline(path)).toEqual({
      kind: 'acceptance',
      file: path,
      accepted: [{ rule: 'name.max-length', reason: 'ticket 12', expires: '2030-01-01' }],
    });
  });
  it('recognises a previous conformance.json', () => {
    expect(loadBaseline(fixturePath('run-pass')).kind).toBe('report');
  });

  const cases: Array<[string, string, RegExp]> = [
    ['missing.json', '', /missing\.json: at \/: cannot read/],
    ['garbage.json', '{not json', /garbage\.json: at \/: not valid JSON/],
    ['neither.json', '{"hello": 1}', /neither a conformance\.json .* nor an acceptance file/],
    ['no-reason.json', '{"accepted":[{"rule":"name.max-length"}]}', /at \/accepted\/0: .*reason/],
    [
      'bad-date.json',
      '{"accepted":[{"rule":"a.b","reason":"r","expires":"2025-13-01"}]}',
      /at \/accepted\/0\/expires/,
    ],
    [
      'not-a-day.json',
      '{"accepted":[{"rule":"a.b","reason":"r","expires":"2025-02-30"}]}',
      /"2025-02-30" is not a calendar date/,
    ],
    [
      'twice.json',
      '{"accepted":[{"rule":"a.b","reason":"r"},{"rule":"a.b","reason":"s"}]}',
      /at \/accepted\/1\/rule: "a\.b" is listed twice/,
    ],
    [
      'bad-report.json',
      '{"tool":{"name":"ecs-conformance"},"rules":[]}',
      /bad-report\.json: at \/: not a valid conformance\.json/,
    ],
  ];
  it.each(cases)('rejects %s with E_CONFIG naming file, path and what', (name, content, message) => {
    const path = name === 'missing.json' ? join(dir, name) : file(name, content);
    expect(() => loadBaseline(path)).toThrow(
      expect.objectContaining({ code: 'E_CONFIG', message: expect.stringMatching(message) }),
    );
  });
});
