import type { Source } from '../spec/catalogue.js';

/** The published API page (reference/CreateSnapshotGroup.api-doc.txt is a copy of it). */
export const API_PAGE_URL =
  'https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createsnapshotgroup';

/** Where the protocol facts (signatures, common errors) are documented by the vendor. */
export const PROTOCOL_DOC_URL =
  'https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature';

const FRAGMENT_WORDS = 5;

/**
 * Text fragments reserve `-`, `,` and `&`; parentheses would end a Markdown link. encodeURIComponent
 * leaves `-`, `(` and `)` alone.
 */
const fragmentPart = (words: string[]): string =>
  encodeURIComponent(words.join(' ')).replace(
    /[-()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * A link that scrolls to, and highlights, the source sentence in browsers that support text fragments
 * (`#:~:text=start,end`) and still opens the page elsewhere.
 */
export function sourceLink(source: Source): { url: string; name: string } {
  if (source.document === 'protocol') return { url: PROTOCOL_DOC_URL, name: 'protocol reference' };
  const words = source.quote.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { url: API_PAGE_URL, name: 'API page' };
  const text =
    words.length <= FRAGMENT_WORDS * 2
      ? fragmentPart(words)
      : `${fragmentPart(words.slice(0, FRAGMENT_WORDS))},${fragmentPart(words.slice(-FRAGMENT_WORDS))}`;
  return { url: `${API_PAGE_URL}#:~:text=${text}`, name: 'API page: source sentence' };
}
