import type { CellVerdict } from './compare.js';

/** Emoji for Markdown (GitHub renders them everywhere). */
export const CELL_ICON: Record<CellVerdict, string> = {
  pass: '✅',
  fail: '❌',
  'not-covered': '⚪',
  skipped: '⏭️',
  inconclusive: '❔',
  absent: '➖',
};

/** Shared by the Markdown and HTML matrices, so that both read the same. */
export const CELL_MEANING: Record<CellVerdict, string> = {
  pass: 'every case of the rule got the documented answer',
  fail: 'some case got another answer: the code and status the target returned',
  'not-covered': "the target's world has no resource meeting the rule's precondition",
  skipped: "the rule was not run in that target's run (the reason is in its report)",
  inconclusive: 'the run could not reach a verdict (the reason is in its report)',
  absent: "the rule is not in that target's report",
};

/** Plain symbols for the HTML page: they render without an emoji font (headless or minimal systems). */
export const CELL_SYMBOL: Record<CellVerdict, string> = {
  pass: '✓',
  fail: '✗',
  'not-covered': '○',
  skipped: '»',
  inconclusive: '?',
  absent: '–',
};
