import {
  CREATE_STEPS,
  type CreateContext,
  type CreateStep,
  type EmulatorSeams,
  ParamBag,
  type StepOutcome,
} from '../../emulator/index.js';
import { ToolError } from '../../lib/errors.js';

/**
 * Building blocks for mutants of CreateSnapshotGroup's validation: drop one named step, or replace it by a
 * variant that may delegate to the faithful one. A name the emulator no longer has is a broken catalogue,
 * reported at load rather than silently producing an unmutated emulator.
 */
export function stepNamed(name: string): CreateStep {
  const found = CREATE_STEPS.find((step) => step.name === name);
  if (found === undefined) {
    const known = CREATE_STEPS.map((step) => step.name).join(', ');
    throw new ToolError(
      'E_CONFIG',
      `mutant catalogue: the emulator has no create step '${name}' (it has: ${known})`,
    );
  }
  return found;
}

export function withoutStep(name: string): Pick<EmulatorSeams, 'createSteps'> {
  stepNamed(name);
  return { createSteps: CREATE_STEPS.filter((step) => step.name !== name) };
}

export type StepVariant = (ctx: CreateContext, faithful: CreateStep) => StepOutcome;

export function replacingStep(name: string, variant: StepVariant): Pick<EmulatorSeams, 'createSteps'> {
  const faithful = stepNamed(name);
  return {
    createSteps: CREATE_STEPS.map((step) =>
      step === faithful ? { name, run: (ctx: CreateContext) => variant(ctx, faithful) } : step,
    ),
  };
}

/** A step run first of all: a deviation that preempts every rule (a crash on some input, a strict parser). */
export function withFirstStep(extra: CreateStep): Pick<EmulatorSeams, 'createSteps'> {
  return { createSteps: [extra, ...CREATE_STEPS] };
}

/** The faithful step's verdict on the request with one parameter's value replaced (read-only steps only). */
export function judgedWith(
  ctx: CreateContext,
  faithful: CreateStep,
  name: string,
  value: string,
): StepOutcome {
  const list = ctx.params.list.map(([key, old]): [string, string] => [key, key === name ? value : old]);
  return faithful.run({ ...ctx, params: new ParamBag(list) });
}

/** Length in characters (code points), as the page counts them. */
export const charCount = (text: string): number => [...text].length;
