import { generateCases } from '../../generators/index.js';
import type { GenerateCases, GenerateInput, GenerateOutput } from '../../lib/runner/index.js';

const cache = new Map<string, GenerateOutput>();

/** What makes two generations equal: the loaded spec objects are shared, so identity is enough for them. */
const specIds = new WeakMap<object, number>();
let lastSpecId = 0;
const idOf = (value: object): number => {
  const known = specIds.get(value);
  if (known !== undefined) return known;
  lastSpecId += 1;
  specIds.set(value, lastSpecId);
  return lastSpecId;
};

const keyOf = (input: GenerateInput): string =>
  JSON.stringify([
    idOf(input.catalogue),
    idOf(input.profile),
    idOf(input.world),
    input.seed,
    input.runs,
    input.transports,
    input.only ?? null,
  ]);

/**
 * The generators' own output, computed once per (spec, seed, runs, transports) and copied for each run:
 * every mutant is tested with exactly the cases the reference passed, and a hundred runs do not redo
 * the same fast-check work. The copy keeps one run from seeing another's changes, should the engine
 * ever annotate its cases.
 */
export const cachedGenerate: GenerateCases = (input) => {
  const key = keyOf(input);
  let output = cache.get(key);
  if (output === undefined) {
    output = generateCases(input);
    cache.set(key, output);
  }
  return structuredClone(output);
};
