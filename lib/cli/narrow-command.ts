import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { ToolError } from '../errors.js';
import { narrowExpectation } from '../runner/cassette-evidence.js';
import { readEntries, readManifest } from '../runner/cassette-reader.js';
import type { Expected } from '../spec/catalogue.js';
import { applyProfile, loadSpec } from '../spec/load.js';
import { type Io, println } from './io.js';

const NAME = /^[a-z0-9][a-z0-9.-]*$/;

/**
 * `narrow CASSETTE --out FILE [--name NAME]`: an expectation profile (spec/profile.schema.json) that keeps
 * the cassette's profile (its limits and overrides) and narrows every rule whose expectation accepts
 * several answers to the answers the recorded reference actually gave, each naming the cassette as its
 * source. Run a candidate with `--profile FILE` to hold it to the reference's behaviour.
 */
export function narrowCommand(dirGiven: string, flags: Record<string, unknown>, io: Io): number {
  const dir = resolve(io.cwd, dirGiven);
  const manifest = readManifest(dir);
  if (typeof flags.out !== 'string') throw new ToolError('E_USAGE', 'narrow: --out FILE is required');
  const name = typeof flags.name === 'string' ? flags.name : `${manifest.profile}-narrowed`;
  if (!NAME.test(name))
    throw new ToolError('E_USAGE', `narrow: --name must match ${NAME} (got ${JSON.stringify(name)})`);
  const { catalogue, profile } = loadSpec({ profile: manifest.profile });
  const source = `cassette ${dirGiven} (recorded from ${manifest.target} with seed ${manifest.seed}, world ${manifest.world.name}, ${manifest.tool.name} ${manifest.tool.version})`;
  const overrides: Record<string, { expected?: Expected; note?: string }> = { ...(profile.overrides ?? {}) };
  const narrowed: string[] = [];
  for (const rule of applyProfile(catalogue, profile)) {
    const result = narrowExpectation(rule, readEntries(dir, rule.id));
    if ('skipped' in result) continue;
    overrides[rule.id] = {
      expected: result.expected,
      note: `Narrowed by evidence: ${source} answered this to ${result.cases} of the rule's cases.`,
    };
    narrowed.push(rule.id);
  }
  const file = resolve(io.cwd, flags.out);
  const text = stringify({
    name,
    description: `${profile.description} Open expectations narrowed to what the reference answered in ${source}.`,
    limits: profile.limits,
    ...(Object.keys(overrides).length > 0 && { overrides }),
  });
  writeFileSync(file, `# Written by \`ecs-conformance narrow\`; schema: spec/profile.schema.json.\n${text}`);
  println(io.stdout, `narrowed ${narrowed.length} rule(s): ${narrowed.join(', ') || 'none'}`);
  println(io.stdout, `wrote ${file}`);
  return 0;
}
