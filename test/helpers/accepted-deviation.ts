import { CREATE_STEPS, type EmulatorSeams } from '../../emulator/index.js';
import { apiError } from '../../emulator/protocol/errors.js';

/** The rule whose answer the deviation changes: its expectation is "a documented 4xx". */
export const DEVIATING_RULE = 'resource-group.exists';

/**
 * A deviation the catalogue accepts (so not one of test/mutants, which must all be killed by it): for an
 * unknown resource group the emulator answers another documented 4xx than its own reading gives. Only
 * a differential run (or a cassette) can tell it from the reference.
 */
export const otherDocumented4xx: Partial<EmulatorSeams> = {
  createSteps: CREATE_STEPS.map((step) =>
    step.name !== DEVIATING_RULE
      ? step
      : {
          name: step.name,
          run: (ctx) => (step.run(ctx) === undefined ? undefined : apiError('InvalidParameter.Description')),
        },
  ),
};
