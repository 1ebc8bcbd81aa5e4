import { SaxesParser } from 'saxes';

/**
 * An XML document as plain data: each element becomes a property named after it, holding its text
 * when it has no child elements and an object of its children otherwise; a name repeated among
 * siblings becomes a list. Attributes, comments and processing instructions are dropped; text keeps
 * its exact spelling (entities decoded, nothing trimmed), so that edge whitespace is compared too.
 */
export type XmlDocument = { root: string; value: Record<string, unknown> | string };

interface Open {
  children: Record<string, unknown> | undefined;
  text: string;
}

/**
 * Reads a whole document with saxes, a conformant XML parser: malformed input (unclosed or mismatched
 * tags, two roots, text outside the root, undefined entities) throws an Error naming line and column.
 * Entities declared in a DTD are never expanded. Elements nested deeper than `maxDepth` throw too: the
 * object built here is walked recursively by its readers.
 */
export function readXml(text: string, maxDepth = Number.POSITIVE_INFINITY): XmlDocument {
  const parser = new SaxesParser();
  const stack: Open[] = [];
  let document: XmlDocument | undefined;
  parser.on('opentag', () => {
    if (stack.length >= maxDepth) throw new Error(`elements nested deeper than ${maxDepth} levels`);
    stack.push({ children: undefined, text: '' });
  });
  const onText = (chunk: string) => {
    const top = stack.at(-1);
    if (top !== undefined) top.text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const closed = stack.pop() as Open;
    // An element with child elements is their container: whitespace between them is layout.
    const value = closed.children ?? closed.text;
    const parent = stack.at(-1);
    if (parent === undefined) {
      document = { root: tag.name, value };
      return;
    }
    parent.children ??= {};
    const siblings = parent.children;
    const earlier = siblings[tag.name];
    if (earlier === undefined) siblings[tag.name] = value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else siblings[tag.name] = [earlier, value];
  });
  parser.write(text).close();
  if (document === undefined) throw new Error('no root element');
  return document;
}
