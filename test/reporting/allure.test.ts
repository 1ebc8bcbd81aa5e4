import {
  getGlobalTestRuntime,
  MessageHolderTestRuntime,
  setGlobalTestRuntime,
} from 'allure-js-commons/sdk/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { allureMetaForRule, applyAllure } from '../../lib/reporting/allure.js';
import { API_PAGE_URL, PROTOCOL_DOC_URL } from '../../lib/reporting/source-links.js';
import type { RuleResult } from '../../lib/runner/result.js';
import { fixture } from './helpers.js';

const rule = (id: string): RuleResult => {
  const found = fixture('run-fail').rules.find((r) => r.id === id);
  if (!found) throw new Error(`fixture has no ${id}`);
  return found;
};

describe('allureMetaForRule', () => {
  const meta = allureMetaForRule(rule('name.max-length'));

  it('labels feature = family, story = rule, severity from the level', () => {
    expect(meta).toMatchObject({ feature: 'request-shape', story: 'name.max-length', severity: 'critical' });
    expect(allureMetaForRule(rule('disk-ids.belong-to-instance')).severity).toBe('normal');
  });

  it('links to the source sentence on the page, or to the protocol document', () => {
    expect(meta.links).toHaveLength(1);
    expect(meta.links[0]?.url).toMatch(
      new RegExp(
        `^${API_PAGE_URL.replace(/[.]/g, '\\.')}#:~:text=The%20name%20of%20the%20snapshot%2Dconsistent,`,
      ),
    );
    expect(allureMetaForRule(rule('protocol.signature-valid')).links[0]?.url).toBe(PROTOCOL_DOC_URL);
  });

  it("gives a passed rule's reason as a note, an inconclusive rule's as why", () => {
    const passed = fixture('run-pass').rules.find((r) => r.verdict === 'passed');
    if (!passed) throw new Error('run-pass has no passed rule');
    const note = 'IdempotentProcessing itself was not observed';
    const described = allureMetaForRule({ ...passed, reason: note }).description;
    expect(described).toContain(`Note: ${note}`);
    expect(described).not.toContain('Why passed');
    expect(allureMetaForRule({ ...passed, verdict: 'inconclusive', reason: 'x' }).description).toContain(
      'Why inconclusive: x',
    );
  });

  it('describes the rule with its quote, expected and actual', () => {
    expect(meta.description).toContain('> The name of the snapshot-consistent group.');
    expect(meta.description).toContain(
      'Expected: `InvalidParameter.Name 400 or InvalidSnapshotName.Malformed 400`',
    );
    expect(meta.description).toContain('Actual (name.max-length/boundary/3): `success 200`');
  });

  // A body typed application/json or xml is a document of the target's making for whoever opens it.
  it('attaches request, response (as plain text) and replay command of failing cases first', () => {
    expect(meta.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['name.max-length/boundary/3: request (secrets redacted)', 'text/plain'],
      ['name.max-length/boundary/3: response', 'text/plain'],
      ['name.max-length/boundary/3: replay', 'text/plain'],
      ['name.max-length/invalid/7: request (secrets redacted)', 'text/plain'],
      ['name.max-length/invalid/7: response', 'text/plain'],
      ['name.max-length/invalid/7: replay', 'text/plain'],
      ['name.max-length/invalid/0: request (secrets redacted)', 'text/plain'],
      ['name.max-length/invalid/0: response', 'text/plain'],
      ['name.max-length/invalid/0: replay', 'text/plain'],
    ]);
    expect(meta.attachments[0]?.content).toMatch(/^POST http:\/\/127\.0\.0\.1:18080\/\ncontent-type: /);
    expect(meta.attachments[2]?.content).toContain('--case name.max-length/boundary/3');
  });

  it('attaches the transport error when there was no response', () => {
    const response = allureMetaForRule(rule('protocol.signature-valid')).attachments[1];
    expect(response).toEqual({
      name: 'protocol.signature-valid/protocol/2: response',
      contentType: 'text/plain',
      content: 'socket hang up',
    });
  });
});

describe('applyAllure', () => {
  const previous = getGlobalTestRuntime();
  afterAll(() => setGlobalTestRuntime(previous));

  it('sends the labels, link, description and attachments through the allure-js-commons runtime', async () => {
    const runtime = new MessageHolderTestRuntime();
    setGlobalTestRuntime(runtime);
    await applyAllure(rule('disk.ever-used'));
    const messages = runtime.messages();
    const labels = messages.flatMap((m) => (m.type === 'metadata' ? (m.data.labels ?? []) : []));
    expect(labels).toEqual([
      { name: 'feature', value: 'disk-state' },
      { name: 'story', value: 'disk.ever-used' },
      { name: 'severity', value: 'critical' },
    ]);
    const links = messages.flatMap((m) => (m.type === 'metadata' ? (m.data.links ?? []) : []));
    expect(links[0]?.url).toContain('#:~:text=The%20disk%20has%20never%20been%20used.');
    const attachments = messages.filter((m) => m.type === 'attachment_content');
    expect(attachments).toHaveLength(3);
  });
});
