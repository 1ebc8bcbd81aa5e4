import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { percentEncode } from '../../lib/client/index.js';
import { filesUnder, ROOT } from '../hostile/cli.js';
import type { Recorded } from '../hostile/loopback.js';

/** Every Signature a target received: the RPC `Signature` parameter and the ACS3 Authorization's. */
export function signaturesOf(requests: readonly Recorded[]): string[] {
  const found = new Set<string>();
  for (const r of requests) {
    const query = r.url.includes('?') ? r.url.slice(r.url.indexOf('?') + 1) : '';
    for (const params of [new URLSearchParams(query), new URLSearchParams(r.body)]) {
      for (const value of params.getAll('Signature')) if (value !== '') found.add(value);
    }
    const authorization = r.headers.authorization;
    const acs3 =
      typeof authorization === 'string' ? /Signature=([^,\s]+)/.exec(authorization)?.[1] : undefined;
    if (acs3 !== undefined) found.add(acs3);
  }
  return [...found];
}

/** How a value can appear in text: as is, percent-encoded both ways, form-encoded, JSON-escaped. */
function spellings(value: string): string[] {
  return [
    ...new Set([
      value,
      encodeURIComponent(value),
      percentEncode(value),
      encodeURIComponent(value).replace(/%20/g, '+'),
      JSON.stringify(value).slice(1, -1),
    ]),
  ];
}

export interface Secret {
  label: string;
  value: string;
}

/** "where: label (spelling)" for every secret found in any of the texts; [] when clean. */
export function findLeaks(
  texts: ReadonlyArray<[where: string, text: string]>,
  secrets: readonly Secret[],
): string[] {
  const leaks: string[] = [];
  for (const [where, text] of texts) {
    for (const secret of secrets) {
      const spelling = spellings(secret.value).find((s) => text.includes(s));
      if (spelling === undefined) continue;
      const at = text.indexOf(spelling);
      leaks.push(`${where}: ${secret.label}, after "${text.slice(Math.max(0, at - 40), at)}"`);
    }
  }
  return leaks;
}

/** vitest's results cache, which the CLI's vitest writes under the package root. */
export function vitestCacheFiles(since: number): Array<[string, string]> {
  const dir = join(ROOT, 'node_modules', '.vite', 'vitest');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name, 'results.json'))
    .filter((file) => existsSync(file) && statSync(file).mtimeMs >= since)
    .map((file) => [file, readFileSync(file, 'utf8')]);
}

/** Every file under `dir`, named for messages. */
export const writtenFiles = (dir: string): Array<[string, string]> =>
  filesUnder(dir).map(([path, text]) => [`file ${path}`, text]);
