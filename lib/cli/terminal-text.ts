/**
 * Text a target sent, made safe for a terminal: control characters (ANSI escapes, carriage returns,
 * C1 codes) appear escaped as `\xNN`, so that an answer cannot recolour, erase or forge lines. Newlines
 * and tabs stay: a replayed body is shown as the target laid it out. One pass, linear time.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export const terminalText = (text: string): string =>
  text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
