import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../lib/runner/result.js';

/**
 * What legitimately differs between two runs with one seed: where the target listened, when, and the
 * values the target or the client draw afresh for every request (RequestIds, group and snapshot ids,
 * nonces, salted ClientTokens and the hashes of bodies that carry them). Everything else must match.
 */
const VOLATILE: ReadonlyArray<readonly [RegExp, string]> = [
  [/127\.0\.0\.1:\d+/g, 'HOST'],
  [/\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b/g, 'UUID'],
  [/\bssg-[0-9a-z]+/g, 'GROUP-ID'],
  [/\bs-[0-9a-z]{6,}/g, 'SNAPSHOT-ID'],
  [/\b[0-9a-f]{64}\b/g, 'SHA256'],
  [/\b[0-9a-f]{32}\b/g, 'NONCE'],
  [/\d{4}-\d{2}-\d{2}T\d{2}(?::|%3A)\d{2}(?::|%3A)\d{2}(?:\.\d+)?Z/g, 'TIME'],
  [/(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/g, 'HTTP-DATE'],
  [/(ClientToken(?:=|":"|\\":\\"|>))[^&'"\\\s<]+/g, '$1TOKEN'],
  // A nonce a case tampers with is salted afresh too, keeping its length: not always 32 hex digits.
  [/((?:SignatureNonce|x-acs-signature-nonce)(?:=|": "|":"|: | ))[^&'"\\\s]*/gi, '$1NONCE'],
];

export function scrubVolatile(text: string): string {
  return VOLATILE.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

export const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as RunReport;

/** conformance.json without its timings and timestamps, volatile values scrubbed. */
export function comparableReport(report: RunReport): unknown {
  const { timings: _timings, startedAt: _started, finishedAt: _finished, ...rest } = report;
  return JSON.parse(scrubVolatile(JSON.stringify(rest)));
}

/** summary.md with the target's port and the start/finish times scrubbed. */
export const comparableSummary = (dir: string): string =>
  scrubVolatile(readFileSync(join(dir, 'summary.md'), 'utf8'));

/** JUnit test cases: suite file, name and status, sorted. */
export function junitCases(dir: string): string[] {
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const cases = [
    ...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g),
  ];
  return cases
    .map(([, file, name, body = '']) => {
      const status = /<failure/.test(body)
        ? 'failed'
        : /<error/.test(body)
          ? 'inconclusive'
          : /<skipped/.test(body)
            ? 'skipped'
            : 'passed';
      return `${file} | ${name} | ${status}`;
    })
    .sort();
}

interface AllureResult {
  name: string;
  status: string;
  labels?: Array<{ name: string; value: string }>;
  attachments?: unknown[];
}

/** Allure results: name, status, the labels the suites set and the number of attachments, sorted. */
export function allureCases(dir: string): string[] {
  const folder = join(dir, 'allure-results');
  return readdirSync(folder)
    .filter((file) => file.endsWith('-result.json'))
    .map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as AllureResult)
    .map((result) => {
      const labels = (result.labels ?? [])
        .filter((label) => ['feature', 'story', 'severity'].includes(label.name))
        .map((label) => `${label.name}=${label.value}`)
        .sort()
        .join(',');
      return `${result.name} | ${result.status} | ${labels} | ${result.attachments?.length ?? 0} attachments`;
    })
    .sort();
}
