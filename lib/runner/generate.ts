import type { Case, TransportVariant } from '../cases.js';
import type { Catalogue, Profile } from '../spec/catalogue.js';
import type { World } from '../spec/world.js';

export interface GenerateInput {
  catalogue: Catalogue;
  profile: Profile;
  world: World;
  seed: number;
  runs: number;
  transports: readonly TransportVariant[];
  only?: readonly string[];
}

/** Every case at once: simple, and held for the whole run (fine for a few, not for `--runs 10000`). */
export interface GenerateOutput {
  cases: Case[];
  /** Rules the world cannot exercise, with the reason. */
  notCovered: Array<{ rule: string; reason: string }>;
}

/**
 * Cases rule by rule, drawn as the run takes them: the run holds a window of cases and drops each once
 * it is judged, so memory does not grow with `runs`.
 */
export interface CaseStream {
  /** Rules the world cannot exercise, with the reason: known before any case is drawn. */
  notCovered: Array<{ rule: string; reason: string }>;
  /** The rule's cases in case order; called once per rule and run. */
  casesFor(rule: string): Iterable<Case>;
  /** How many cases `casesFor(rule)` will give, when known before drawing them (progress displays). */
  plannedFor?(rule: string): number;
  /**
   * Time spent drawing in another thread so far (the default source of a large run): the run's own
   * time getting cases (generationMs) is then mostly receiving them.
   */
  drawnElsewhereMs?(): number;
  /** Releases what drawing holds (the default source's drawing thread); called when the session closes. */
  close?(): Promise<void>;
}

export type GenerateCases = (
  input: GenerateInput,
) => GenerateOutput | CaseStream | Promise<GenerateOutput | CaseStream>;

/**
 * The generators' own streaming entry, loaded on first use (a run given `generate` never loads it). A
 * large run's cases are drawn ahead in a worker thread (`threadedCaseSource`): same cases, same order.
 */
export const defaultGenerate: GenerateCases = async (input) => {
  const { threadedCaseSource } = await import('./threaded-source.js');
  return threadedCaseSource(input);
};

/** Either shape as a stream; an array's cases keep their order within each rule. */
export function asCaseStream(output: GenerateOutput | CaseStream): CaseStream {
  if ('casesFor' in output) return output;
  const byRule = new Map<string, Case[]>();
  for (const c of output.cases) {
    const cases = byRule.get(c.rule);
    if (cases === undefined) byRule.set(c.rule, [c]);
    else cases.push(c);
  }
  return {
    notCovered: output.notCovered,
    casesFor: (rule) => byRule.get(rule) ?? [],
    plannedFor: (rule) => byRule.get(rule)?.length ?? 0,
  };
}
