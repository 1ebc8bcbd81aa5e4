import * as allure from 'allure-js-commons';
import type { CaseRecord, RuleResult } from '../runner/result.js';
import { canonicalRule } from './canonical.js';
import { formatActual, formatExpected } from './format.js';
import { mdCode, mdText } from './markdown-text.js';
import { scrubData } from './scrub.js';
import { sourceLink } from './source-links.js';
import { transportsMissed } from './summary-transports.js';

export interface AllureAttachment {
  name: string;
  contentType: string;
  content: string;
}

/** What the Allure report shows for one rule; pure data so that it can be tested without Allure. */
export interface AllureMeta {
  feature: string;
  story: string;
  severity: 'critical' | 'normal';
  links: Array<{ url: string; name: string }>;
  description: string;
  attachments: AllureAttachment[];
}

/** Attachments are per case: a few are enough to see the pattern, conformance.json has the rest. */
const MAX_ATTACHED_CASES = 3;

function requestText(sample: CaseRecord): string {
  const { method, url, headers, body } = sample.request;
  const lines = Object.keys(headers)
    .sort()
    .map((name) => `${name}: ${headers[name]}`);
  return `${method} ${url}\n${lines.join('\n')}\n\n${body}`;
}

/**
 * The target's body, always as text/plain: typed application/xml (or json, html) the attachment is a
 * document of the target's making, and an XHTML body with a <script> runs when the file is opened.
 */
function responseAttachment(sample: CaseRecord): AllureAttachment {
  const name = `${sample.id}: response`;
  const content = sample.response ? sample.response.body : (sample.actual.transportError ?? 'no response');
  return { name, contentType: 'text/plain', content };
}

function caseAttachments(sample: CaseRecord): AllureAttachment[] {
  return [
    {
      name: `${sample.id}: request (secrets redacted)`,
      contentType: 'text/plain',
      content: requestText(sample),
    },
    responseAttachment(sample),
    {
      name: `${sample.id}: replay`,
      contentType: 'text/plain',
      content: `${sample.reproduce.command}\n\n${sample.reproduce.curl}\n`,
    },
  ];
}

/** Its own cases per signature, method and format: `Transports: RPC (v2) 3, ACS3 (v3) 2 · POST 4, ...`. */
function transportLine(rule: RuleResult): string | undefined {
  const t = rule.transports;
  if (t === undefined) return undefined;
  const n = (key: string) => t[key] ?? 0;
  const missed = transportsMissed(rule);
  return (
    `Transports of its ${rule.casesRun} cases: RPC (v2) ${n('v2')}, ACS3 (v3) ${n('v3')} · ` +
    `POST ${n('POST')}, GET ${n('GET')} · JSON ${n('JSON')}, XML ${n('XML')}` +
    (missed.length > 0 ? ` (never: ${missed.map(mdText).join(', ')})` : '')
  );
}

/** Near misses of forbidden words it sent, per field, and what the target did with them. */
function nearMissLine(rule: RuleResult): string | undefined {
  const entries = Object.entries(rule.nearMisses ?? {});
  if (entries.length === 0) return undefined;
  const fields = entries.map(
    ([field, c]) => `${mdCode(field)} ${c.sent} sent, ${c.accepted} accepted, ${c.refused} refused`,
  );
  return `Near misses: ${fields.join('; ')}`;
}

/** Markdown (Allure renders it with markdown-it): every text is escaped, the target's above all. */
function description(rule: RuleResult): string {
  const lines = [
    `**${mdText(rule.title)}**`,
    '',
    `> ${mdText(rule.source.quote)}`,
    '',
    `Expected: ${mdCode(formatExpected(rule.expected))}`,
  ];
  const travelled = transportLine(rule);
  if (travelled !== undefined) lines.push('', travelled);
  const near = nearMissLine(rule);
  if (near !== undefined) lines.push('', near);
  const failing = rule.samples.find((s) => s.findings.length > 0);
  if (failing) lines.push('', `Actual (${mdText(failing.id)}): ${mdCode(formatActual(failing.actual))}`);
  // A passed rule's reason is a remark (what it could not observe), not why it passed.
  if (rule.reason)
    lines.push('', `${rule.verdict === 'passed' ? 'Note' : `Why ${rule.verdict}`}: ${mdText(rule.reason)}`);
  return lines.join('\n');
}

export function allureMetaForRule(result: RuleResult): AllureMeta {
  const rule = canonicalRule(scrubData(result));
  const failingFirst = [...rule.samples].sort(
    (a, b) => Number(b.findings.length > 0) - Number(a.findings.length > 0),
  );
  return {
    feature: rule.family,
    story: rule.id,
    severity: rule.level === 'must' ? 'critical' : 'normal',
    links: [sourceLink(rule.source)],
    description: description(rule),
    attachments: failingFirst.slice(0, MAX_ATTACHED_CASES).flatMap(caseAttachments),
  };
}

/** Call from inside a vitest test of the suites (allure-vitest setup loaded) to label it for Allure. */
export async function applyAllure(result: RuleResult): Promise<AllureMeta> {
  const meta = allureMetaForRule(result);
  await allure.feature(meta.feature);
  await allure.story(meta.story);
  await allure.severity(meta.severity);
  for (const link of meta.links) await allure.link(link.url, link.name);
  await allure.description(meta.description);
  for (const a of meta.attachments) await allure.attachment(a.name, a.content, a.contentType);
  return meta;
}
