// Generators benchmark: cases generated per second for the full default set (every rule of the shipped
// catalogue, default profile and world, default runs and transports), over several seeds.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateCases } from '../generators/index.js';
import { loadSpec } from '../lib/spec/load.js';

export interface GeneratorsBenchResult {
  /** Cases of one full default set (seed 1). */
  casesPerSet: number;
  sets: number;
  ms: number;
  casesPerSecond: number;
  /** Time to load and check the spec files once, not included in the rate. */
  loadMs: number;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Generates the default set for `sets` consecutive seeds after one warm-up set; prints and returns the rate. */
export async function benchGenerators(sets = 10): Promise<GeneratorsBenchResult> {
  const loadStart = performance.now();
  const spec = loadSpec();
  const loadMs = performance.now() - loadStart;
  const casesPerSet = generateCases({ ...spec, seed: 1 }).cases.length; // warm-up
  let cases = 0;
  const start = performance.now();
  for (let seed = 2; seed < 2 + sets; seed++) cases += generateCases({ ...spec, seed }).cases.length;
  const ms = performance.now() - start;
  const result = { casesPerSet, sets, ms, casesPerSecond: (cases / ms) * 1000, loadMs };
  console.log('generators');
  console.log(`  spec load and check:  ${fmt(loadMs)} ms`);
  console.log(`  default set:          ${fmt(casesPerSet)} cases (seed 1)`);
  console.log(`  ${sets} sets, seeds 2..${sets + 1}:  ${fmt(ms)} ms, ${fmt(result.casesPerSecond)} cases/s`);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchGenerators();
}
