import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { allureMetaForRule } from '../../lib/reporting/allure.js';
import { renderSummaryMarkdown } from '../../lib/reporting/summary-markdown.js';
import { nearMissSection } from '../../lib/reporting/summary-near-misses.js';
import { transportCoverageSection } from '../../lib/reporting/summary-transports.js';
import type { RuleResult, RunReport } from '../../lib/runner/result.js';
import { fixture } from './helpers.js';

// Issue 16: the transport coverage and the near-miss phase appear in summary.md and Allure.
const EVERY = { v2: 3, v3: 2, POST: 3, GET: 2, JSON: 2, XML: 3 };
const HOSTILE = 'x`|<img src=x onerror=alert(1)>|**bold**';

/** run-pass with per-rule counts: every rule met every transport but the protocol rule (no GET). */
function report(): RunReport {
  const base = fixture('run-pass');
  const rules = base.rules.map(
    (r): RuleResult => ({
      ...r,
      transports: r.id === 'protocol.signature-valid' ? { v2: 5, v3: 5, POST: 10, JSON: 4, XML: 6 } : EVERY,
    }),
  );
  const success = rules.find((r) => r.id === 'valid.success-body') as RuleResult;
  // A success rule short of a transport is not listed: only protocol and error-code rules must meet each.
  success.transports = { v2: 1, POST: 1, JSON: 1 };
  success.nearMisses = {
    Name: { sent: 4, accepted: 4, refused: 0 },
    'Tag.N.Key': { sent: 8, accepted: 0, refused: 8 },
  };
  const state = rules.find((r) => r.id === 'state.disk-form-snapshots') as RuleResult;
  state.nearMisses = { Description: { sent: 2, accepted: 1, refused: 0 } };
  return { ...base, rules };
}

describe('summary.md: transport coverage', () => {
  it('counts the cases per signature, method and format, summed over the rules', () => {
    const text = transportCoverageSection(report()) ?? '';
    // 8 rules with EVERY, the protocol rule, the success rule.
    expect(text).toContain('| RPC (v2) | ACS3 (v3) | POST | GET | JSON | XML |');
    expect(text).toContain(
      `| cases | ${8 * 3 + 5 + 1} | ${8 * 2 + 5} | ${8 * 3 + 10 + 1} | ${8 * 2} | ${8 * 2 + 4 + 1} | ${8 * 3 + 6} |`,
    );
  });

  it('lists the protocol and error-code rules that missed a transport, and only those', () => {
    const text = transportCoverageSection(report()) ?? '';
    expect(text).toContain(
      '1 rule of the protocol or expecting a documented error (of 8 that ran cases) missed a transport',
    );
    expect(text).toContain('| `protocol.signature-valid` | 10 | GET |');
    expect(text).not.toContain('valid.success-body');
  });

  it('says every rule met every transport when none missed one', () => {
    const all = report();
    for (const r of all.rules) r.transports = EVERY;
    const text = transportCoverageSection(all) ?? '';
    expect(text).toContain(
      'Each of the 8 rules of the protocol or expecting a documented error that ran cases met both signatures, both methods and both formats.',
    );
    expect(text).not.toContain('never sent over');
  });

  it('is left out of a report without per-rule counts', () => {
    expect(transportCoverageSection(fixture('run-pass'))).toBeUndefined();
    expect(renderSummaryMarkdown(fixture('run-pass'))).not.toContain('## Transport coverage');
  });
});

describe('summary.md: near misses', () => {
  it('counts per rule and field what was sent, accepted and refused, with the totals', () => {
    const text = nearMissSection(report()) ?? '';
    expect(text).toContain('14 near-miss values sent');
    expect(text).toContain('5 accepted, 8 refused, 1 unanswered');
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual([
      '| `state.disk-form-snapshots` | `Description` | 2 | 1 | 0 |',
      '| `valid.success-body` | `Name` | 4 | 4 | 0 |',
      '| `valid.success-body` | `Tag.N.Key` | 8 | 0 | 8 |',
    ]);
  });

  it('is left out when no rule sent any', () => {
    expect(nearMissSection(fixture('run-pass'))).toBeUndefined();
  });

  it('both sections are in summary.md, and a hostile name read back from a report renders as text', () => {
    const hostile = report();
    const rule = hostile.rules.find((r) => r.id === 'protocol.signature-valid') as RuleResult;
    rule.id = HOSTILE;
    rule.nearMisses = { [HOSTILE]: { sent: 1, accepted: 0, refused: 1 } };
    const summary = renderSummaryMarkdown(hostile);
    expect(summary).toContain('## Transport coverage');
    expect(summary).toContain('## Near misses (valid values next to a forbidden word)');
    const html = new MarkdownIt().render(summary);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<strong>bold</strong>');
    // Each row keeps its cells: the pipes in the name do not end them.
    const cells = (row: string | undefined) => (row ?? '').split(/(?<!\\)\|/).length - 2;
    const lines = summary.split('\n').filter((line) => line.includes('onerror'));
    expect(cells(lines.find((line) => line.endsWith('| 10 | GET |')))).toBe(3);
    expect(cells(lines.find((line) => line.endsWith('| 1 | 0 | 1 |')))).toBe(5);
  });
});

describe('Allure: each rule shows its transports and near misses', () => {
  it('in its description', () => {
    const rules = report().rules;
    const protocol = allureMetaForRule(rules.find((r) => r.id === 'protocol.signature-valid') as RuleResult);
    expect(protocol.description).toContain(
      'Transports of its 10 cases: RPC (v2) 5, ACS3 (v3) 5 · POST 10, GET 0 · JSON 4, XML 6 (never: GET)',
    );
    const success = allureMetaForRule(rules.find((r) => r.id === 'valid.success-body') as RuleResult);
    expect(success.description).toContain(
      'Near misses: `Name` 4 sent, 4 accepted, 0 refused; `Tag.N.Key` 8 sent, 0 accepted, 8 refused',
    );
    const plain = allureMetaForRule(fixture('run-pass').rules[0] as RuleResult);
    expect(plain.description).not.toContain('Transports');
    expect(plain.description).not.toContain('Near misses');
  });
});
