/**
 * Generators: world-aware fast-check arbitraries that turn the rules catalogue, an expectation profile
 * and a world into labelled cases (DESIGN.md). Pure: they take data, never read files.
 */
export { type CaseContext, caseArbitrary, caseContext, familyArbitrary } from './arbitraries.js';
export type { GenContext } from './context.js';
export type { GeneratedCases, NotCovered } from './generate.js';
export { DEFAULT_RUNS, type GenerateOptions } from './options.js';
export { type CaseSource, caseSource, generateCases } from './source.js';
export { ALL_TRANSPORTS, transportLabel } from './transports.js';
