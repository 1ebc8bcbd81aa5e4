/**
 * Text a target sent (a Code, a Message, a group id, a header, a body snippet), made safe to show.
 *
 * A target controls how long that text is and what it holds: 4 MiB of spaces (any regex that
 * backtracks over them turns a run of seconds into hours), ANSI escapes (they recolour or rewrite the
 * user's terminal), newlines (a forged `verdict: conformant` line in a log). Every place that shows
 * such text (console, progress, Markdown, HTML, Allure) goes through `shownText`; the Markdown and
 * HTML escaping is applied on top of it.
 */

/**
 * Characters kept of one piece of target text (a Code, an id, a header) where it enters a text of ours:
 * 1 KiB of ASCII, enough to recognise it.
 */
export const TARGET_TEXT_MAX = 1024;

/**
 * Characters kept of any one text shown (a finding's message quoting a Code, a console line): room
 * for a few bounded pieces and our words around them, so that a text whose pieces were bounded is
 * not cut again; the backstop for a piece that was not.
 */
export const SHOWN_TEXT_MAX = 4 * TARGET_TEXT_MAX;

/**
 * `text` cut to `max` characters and marked as cut, so that nothing after it depends on how much a
 * target sent. Never splits a surrogate pair.
 */
export function boundedText(text: string, max = TARGET_TEXT_MAX): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… [cut: ${text.length} characters in all]`;
}

/**
 * One line, bounded (`boundedText`), control characters escaped as `\n`, `\r`, `\t`, `\x1b`, `\u202e`:
 * C0 and C1 controls, DEL, the Unicode line separators and the bidirectional overrides (which can make
 * a terminal show text in another order than it was sent). Linear in `max`, whatever `text` is.
 */
export function shownText(text: string, max = SHOWN_TEXT_MAX): string {
  return boundedText(text, max).replace(CONTROL, escapeControl);
}

/** Characters kept of a multi-line text shown on a terminal (a replayed answer's body): 64 KiB. */
const SHOWN_LINES_MAX = 64 * TARGET_TEXT_MAX;

/**
 * `shownText` for text shown as the target laid it out (a replayed body, its headers): newlines and tabs
 * stay, every other control character is escaped, and it is bounded to 64 KiB.
 */
export function shownLines(text: string, max = SHOWN_LINES_MAX): string {
  return boundedText(text, max).replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : escapeControl(c)));
}

// One character class, no quantifier: the engine looks at each character once.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
