import fc from 'fast-check';
import type { TextLimits } from '../../lib/spec/request-limits.js';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft, type ValidRequest, validRequestArbitrary } from '../valid/request.js';
import { notReachable, type Planner, type RulePlan } from './plan.js';

/**
 * Letters (\p{L}) outside ASCII, of several scripts, all in the BMP: Latin-1, Latin Extended, Greek,
 * Cyrillic, Chinese, Japanese, Korean. Whether the Name rule's "letters" covers them is not said
 * (catalogue ambiguity name-letters), so a target may accept or refuse them: but never fail on them.
 */
export const NON_ASCII_LETTERS = ['é', 'ü', 'ß', 'ñ', 'Å', 'ł', 'λ', 'Ж', 'я', '中', '快', '照', 'あ', '한'];

const FIXED_NAMES: ReadonlyArray<{ name: string; what: string }> = [
  { name: 'Snapshot快照组', what: 'Name with Chinese letters after an ASCII letter' },
  { name: 'Café-Grüße.ñ', what: 'Name with Latin-1 letters after an ASCII letter' },
  { name: 'Éclair:Снимок_1', what: 'Name starting with a non-ASCII letter' },
];

/**
 * Within the Name's lengths: an allowed first character or a non-ASCII letter, then allowed characters
 * and at least one non-ASCII letter.
 */
const nonAsciiName = (limits: TextLimits): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...(limits.charset?.first ?? ''), ...NON_ASCII_LETTERS),
      fc.array(fc.constantFrom(...(limits.charset?.rest ?? ''), ...NON_ASCII_LETTERS), {
        minLength: Math.max(0, limits.minLength - 2),
        maxLength: Math.min(100, limits.maxLength - 2),
      }),
      fc.constantFrom(...NON_ASCII_LETTERS),
      fc.nat(),
    )
    .map(([first, rest, letter, at]) => {
      const chars = [...rest];
      chars.splice(at % (chars.length + 1), 0, letter);
      return first + chars.join('');
    });

/** A valid request but for its Name; it may create a group, so it declares its disks and the group. */
function probeDraft(ctx: GenContext, rule: string, base: ValidRequest, name: string, what: string): Draft {
  const valid: ValidRequest = { target: base.target, attributes: { ...base.attributes, Name: name } };
  const draft = successDraft(valid, 'valid', `${what}; ${describeValid(valid)}`);
  draft.expected = ctx.expected(rule);
  draft.touched = ['Name'];
  return draft;
}

/**
 * Robustness probe (name.non-ascii-letters): Names with letters outside ASCII, where the page leaves the
 * outcome open. The expected outcome (success-or-documented-4xx) holds the target only to "no 5xx, no
 * undocumented code"; a success is still checked against DescribeSnapshotGroups.
 */
export const nonAsciiNamePlanner: Planner = (ctx, rule): RulePlan | ReturnType<typeof notReachable> => {
  const fixed = FIXED_NAMES.flatMap(({ name, what }, k) => {
    const base = fixedBase(ctx, rule, k);
    return base === undefined ? [] : [probeDraft(ctx, rule, base, name, what)];
  });
  const bases = validRequestArbitrary(ctx);
  if (bases === undefined || fixed.length === 0)
    return notReachable(`account '${ctx.signer.id}' has no usable disk`);
  const random = fc
    .tuple(bases, nonAsciiName(ctx.profile.request.name))
    .map(([base, name]) => probeDraft(ctx, rule, base, name, 'Name with letters outside ASCII'));
  return { fixed, random };
};
