import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Case } from '../cases.js';
import { type Exchange, parseBody } from '../client/index.js';
import { ToolError } from '../errors.js';
import type { World } from '../spec/world.js';
import type { SideOutcome } from './case-runner.js';
import {
  CASSETTE_FORMAT,
  type CassetteEntry,
  type CassetteManifest,
  MANIFEST_FILE,
  type RecordedExchange,
  requestsDigest,
  transportKey,
  worldHash,
} from './cassette.js';
import type { ReferenceSender } from './reference.js';

/** What the run must match for a cassette's answers to be about the same cases. */
export interface CassetteRun {
  world: World;
  seed: number;
  profile: string;
}

const refused = (dir: string, why: string): ToolError =>
  new ToolError('E_CONFIG', `cassette ${dir} cannot judge this run: ${why}`);

/** The cassette's manifest; a clear refusal (E_CONFIG) when there is none or it is not one. */
export function readManifest(dir: string): CassetteManifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw refused(dir, `no ${MANIFEST_FILE} (record one with run --record ${dir})`);
  let manifest: CassetteManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as CassetteManifest;
  } catch (error) {
    throw refused(dir, `${MANIFEST_FILE} is not JSON: ${(error as Error).message}`);
  }
  if (manifest?.format !== CASSETTE_FORMAT)
    throw refused(dir, `${MANIFEST_FILE} is not a "${CASSETTE_FORMAT}" manifest`);
  return manifest;
}

/** Refuses a cassette recorded with another seed, world or profile: its cases would not be these. */
export function checkCassette(dir: string, manifest: CassetteManifest, run: CassetteRun): void {
  const mismatches: string[] = [];
  if (manifest.seed !== run.seed)
    mismatches.push(`seed ${manifest.seed} recorded, this run's is ${run.seed}`);
  const hash = worldHash(run.world);
  if (manifest.world?.hash !== hash)
    mismatches.push(
      `world "${manifest.world?.name}" (${manifest.world?.hash}) recorded, this run's is "${run.world.name}" (${hash})`,
    );
  if (manifest.profile !== run.profile)
    mismatches.push(`profile ${manifest.profile} recorded, this run's is ${run.profile}`);
  if (mismatches.length > 0) throw refused(dir, `${mismatches.join('; ')}`);
}

/** The manifest of a cassette that may judge this run; a clear refusal (E_CONFIG, exit 2) otherwise. */
export function openCassette(dir: string, run: CassetteRun): CassetteManifest {
  const manifest = readManifest(dir);
  checkCassette(dir, manifest, run);
  return manifest;
}

function exchangeOf(entry: RecordedExchange): Exchange {
  return {
    request: { ...entry.request, headers: {} },
    ...(entry.response !== undefined && {
      response: {
        status: entry.response.status,
        headers:
          entry.response.contentType === undefined ? {} : { 'content-type': entry.response.contentType },
        rawBody: entry.response.body,
        truncated: false,
        parsed: parseBody(entry.response.body),
      },
    }),
    ...(entry.failure !== undefined && {
      failure: {
        code: entry.failure.code as NonNullable<Exchange['failure']>['code'],
        message: entry.failure.message,
      },
    }),
    retries: [],
    timing: { startedAt: '', durationMs: 0 },
  };
}

function sideOf(entry: CassetteEntry, c: Case): SideOutcome | undefined {
  const exchanges = entry.exchanges.map(exchangeOf);
  const exchange = exchanges.at(-1);
  if (exchange === undefined) return undefined;
  const state = entry.state;
  return {
    exchange,
    prelude: exchanges.slice(0, -1),
    // As recorded: a cassette keeps the case as generated (its prelude's group ids not put in).
    sent: c,
    ...(entry.pages !== undefined && { pages: entry.pages.map(exchangeOf) }),
    ...(state !== undefined && {
      state: {
        groupId: state.groupId,
        ...(state.afterCreate !== undefined && { afterCreate: exchangeOf(state.afterCreate) }),
      },
    }),
  };
}

/** Every line of one rule's file (none when the cassette does not hold the rule). */
export function readEntries(dir: string, rule: string): CassetteEntry[] {
  const file = join(dir, `${rule}.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line) as CassetteEntry];
      } catch (error) {
        throw refused(dir, `${rule}.jsonl line ${index + 1} is not JSON: ${(error as Error).message}`);
      }
    });
}

/**
 * A reference that answers from a cassette: no network, no credentials. Each rule's file is read when
 * its first case comes; a case the cassette does not hold (or holds with other content) has no answer,
 * and is counted as not compared.
 */
export function cassetteReference(dirGiven: string, run: CassetteRun): ReferenceSender {
  const dir = resolve(dirGiven);
  const manifest = openCassette(dir, run);
  const rules = new Map<string, Map<string, CassetteEntry>>();
  const entriesOf = (rule: string): Map<string, CassetteEntry> => {
    let entries = rules.get(rule);
    if (entries !== undefined) return entries;
    entries = new Map(readEntries(dir, rule).map((entry) => [`${entry.case}\n${entry.transport}`, entry]));
    rules.set(rule, entries);
    return entries;
  };
  return {
    label: `cassette:${dirGiven}`,
    replayTarget: manifest.target,
    answer: async (c: Case) => {
      const entry = entriesOf(c.rule).get(`${c.id}\n${transportKey(c.request.transport)}`);
      return entry === undefined || entry.requests !== requestsDigest(c) ? undefined : sideOf(entry, c);
    },
    close: async () => [],
  };
}
