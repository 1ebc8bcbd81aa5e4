import type { CheckContext } from './context.js';
import { type SentPair, sentPairs } from './exchanges.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { isSuccessStatus } from './response.js';

const JSON_TYPE = /^application\/json\s*(;|$)/i;
// Not `application/xml`, although RFC 7303 makes it the same media type: the official SDK in V3 mode
// parses an XML error body only when the content type is `text/xml;charset=utf-8` (protocol.md section 3).
// Any charset parameter is accepted: the body's own declaration says the encoding.
const XML_TYPE = /^text\/xml\s*(;|$)/i;

/** The body is in the format the request asked for (`Format`), and its content type says so. */
export function contentTypeMatchesFormat(ctx: CheckContext): Finding[] {
  return sentPairs(ctx)
    .flatMap((pair) => problems(pair).map((problem) => ({ pair, ...problem })))
    .map(({ pair, message, expected, actual }) =>
      findingFor('contentTypeMatchesFormat', ctx, {
        rule: isSuccessStatus(pair.exchange.response?.status ?? 0)
          ? CROSS_CUTTING_RULES.successBody
          : CROSS_CUTTING_RULES.errorBody,
        message: `${pair.label}: ${message}`,
        expected,
        actual,
      }),
    );
}

function problems(pair: SentPair): Array<{ message: string; expected: string; actual: string }> {
  const response = pair.exchange.response;
  if (response === undefined || response.parsed.format === 'empty') return [];
  // An unsupported HTTP method is refused before the parameters, Format included, are read: the page
  // does not say in which format that refusal comes.
  if (pair.request.tamper?.kind === 'method') return [];
  const asked = pair.request.transport.format;
  const contentType = response.headers['content-type'] ?? '';
  const found: Array<{ message: string; expected: string; actual: string }> = [];
  const typeOk = asked === 'JSON' ? JSON_TYPE.test(contentType) : XML_TYPE.test(contentType);
  if (!typeOk) {
    found.push({
      message: `the content type does not match the format asked (${asked})`,
      expected: asked === 'JSON' ? 'application/json' : 'text/xml',
      actual: contentType === '' ? '(no content-type header)' : contentType,
    });
  }
  const parsed = response.parsed;
  if (parsed.format !== asked.toLowerCase()) {
    found.push({
      message: `the body is not ${asked} although ${asked} was asked`,
      expected: `${asked === 'XML' ? 'an' : 'a'} ${asked} body`,
      actual:
        parsed.format === 'unparseable'
          ? `unparseable: ${parsed.reason}`
          : `${parsed.format === 'xml' ? 'an' : 'a'} ${parsed.format.toUpperCase()} body`,
    });
  }
  return found;
}
