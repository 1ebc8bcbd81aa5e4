import * as allure from 'allure-js-commons';
import type { CaseRecord, RuleResult } from '../runner/result.js';
import { canonicalRule } from './canonical.js';
import { formatActual, formatExpected } from './format.js';
import { scrubData } from './scrub.js';
import { sourceLink } from './source-links.js';

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

function responseAttachment(sample: CaseRecord): AllureAttachment {
  const name = `${sample.id}: response`;
  if (!sample.response) {
    return { name, contentType: 'text/plain', content: sample.actual.transportError ?? 'no response' };
  }
  const type =
    Object.entries(sample.response.headers).find(([h]) => h.toLowerCase() === 'content-type')?.[1] ?? '';
  const contentType = /json/i.test(type)
    ? 'application/json'
    : /xml/i.test(type)
      ? 'application/xml'
      : 'text/plain';
  return { name, contentType, content: sample.response.body };
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

function description(rule: RuleResult): string {
  const lines = [
    `**${rule.title}**`,
    '',
    `> ${rule.source.quote}`,
    '',
    `Expected: \`${formatExpected(rule.expected)}\``,
  ];
  const failing = rule.samples.find((s) => s.findings.length > 0);
  if (failing) lines.push('', `Actual (${failing.id}): \`${formatActual(failing.actual)}\``);
  // A passed rule's reason is a remark (what it could not observe), not why it passed.
  if (rule.reason)
    lines.push('', `${rule.verdict === 'passed' ? 'Note' : `Why ${rule.verdict}`}: ${rule.reason}`);
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
