import type { RuleResult, RunReport } from '../runner/result.js';
import { sortedRules } from './format.js';
import { mdCode, mdTable, mdText, plural } from './markdown-text.js';

/** Each dimension a transport varies on, with the keys conformance.json counts cases under. */
const DIMENSIONS: ReadonlyArray<{ name: string; keys: ReadonlyArray<{ key: string; label: string }> }> = [
  {
    name: 'signature',
    keys: [
      { key: 'v2', label: 'RPC (v2)' },
      { key: 'v3', label: 'ACS3 (v3)' },
    ],
  },
  {
    name: 'method',
    keys: [
      { key: 'POST', label: 'POST' },
      { key: 'GET', label: 'GET' },
    ],
  },
  {
    name: 'format',
    keys: [
      { key: 'JSON', label: 'JSON' },
      { key: 'XML', label: 'XML' },
    ],
  },
];

const ALL_KEYS = DIMENSIONS.flatMap((d) => d.keys);

/**
 * A deviation confined to one transport hides from a rule that never travels it (issue 16.4): the
 * protocol's rules and every rule that expects a documented error (a named code, or any documented
 * 4xx) must meet each transport.
 */
export const mustTravelEveryTransport = (rule: RuleResult): boolean =>
  rule.family === 'protocol' ||
  rule.expected.kind === 'error' ||
  rule.expected.kind === 'one-of' ||
  rule.expected.kind === 'documented-4xx';

/** The transports a rule's own cases never used (`GET`, `XML`); empty when it met every one. */
export const transportsMissed = (rule: RuleResult): string[] =>
  ALL_KEYS.filter(({ key }) => (rule.transports?.[key] ?? 0) === 0).map(({ label }) => label);

/**
 * Cases per signature, method and format (each rule's own cases, summed), and the protocol and
 * error-code rules that ran cases yet missed a transport. Undefined for a report without per-rule counts.
 */
export function transportCoverageSection(report: RunReport): string | undefined {
  const counted = report.rules.filter((r) => r.transports !== undefined);
  if (counted.length === 0) return undefined;
  const total = (key: string): number => counted.reduce((sum, r) => sum + (r.transports?.[key] ?? 0), 0);
  const table = mdTable(
    ['', ...DIMENSIONS.flatMap((d) => d.keys.map((k) => `${k.label}`))],
    [['cases', ...ALL_KEYS.map(({ key }) => String(total(key)))]],
  );
  const bound = counted.filter(mustTravelEveryTransport);
  const short = sortedRules(bound).filter((r) => transportsMissed(r).length > 0);
  const verdict =
    short.length === 0
      ? `Each of the ${plural(bound.length, 'rule')} of the protocol or expecting a documented error that ran cases met both signatures, both methods and both formats.`
      : `${plural(short.length, 'rule')} of the protocol or expecting a documented error (of ${bound.length} that ran cases) missed a transport: a deviation confined to it would go unseen.`;
  const parts = [`Each rule's own cases, per signature, method and format.\n\n${table}`, verdict];
  if (short.length > 0) {
    parts.push(
      mdTable(
        ['rule', 'cases', 'never sent over'],
        short.map((r) => [
          mdCode(r.id, true),
          String(r.casesRun),
          transportsMissed(r).map(mdText).join(', '),
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}
