import type { CreateContext, CreateStep, StepOutcome } from './context.js';

export const step = (name: string, run: (ctx: CreateContext) => StepOutcome): CreateStep => ({ name, run });

/** The first item that fails `test`, mapped to an outcome. */
export const firstFailing = <T>(items: readonly T[], test: (item: T) => StepOutcome): StepOutcome => {
  for (const item of items) {
    const outcome = test(item);
    if (outcome !== undefined) return outcome;
  }
  return undefined;
};
