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

export interface GenerateOutput {
  cases: Case[];
  /** Rules the world cannot exercise, with the reason. */
  notCovered: Array<{ rule: string; reason: string }>;
}

export type GenerateCases = (input: GenerateInput) => GenerateOutput | Promise<GenerateOutput>;

/** The generators' own entry, loaded on first use (a run given `generate` never loads it). */
export const defaultGenerate: GenerateCases = async (input) => {
  const { generateCases } = await import('../../generators/index.js');
  return generateCases(input);
};
