/** A small XML writer for the RPC response shapes (no attributes, arrays as repeated elements). */
export type BodyValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | BodyValue[]
  | { [key: string]: BodyValue };

// XML 1.0 cannot carry these code points even as character references: a stored tag value may hold
// them (the page does not forbid them), so the XML rendering substitutes U+FFFD. JSON keeps them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export const escapeXml = (text: string): string =>
  text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const element = (name: string, value: BodyValue, out: string[]): void => {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) element(name, item, out);
    return;
  }
  out.push(`<${name}>`);
  if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) element(key, child, out);
  } else {
    out.push(escapeXml(String(value)));
  }
  out.push(`</${name}>`);
};

export const toXml = (root: string, fields: Record<string, BodyValue>): string => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  element(root, fields, out);
  return out.join('');
};
