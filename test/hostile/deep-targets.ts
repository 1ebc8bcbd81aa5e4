import { errorJson, JSON_TYPE, type LoopbackServer, startLoopback } from './loopback.js';

/** A JSON error whose `Detail` is an array nested `depth` deep: 20,000 levels take 40 KB. */
export function deepJsonBody(depth: number): string {
  const error = errorJson('InvalidParameter').slice(0, -1);
  return `${error},"Detail":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** The same in XML: elements nested `depth` deep inside an Error. */
export function deepXmlBody(depth: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>6E3BA1C4</RequestId><Code>InvalidParameter</Code>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Error>`;
}

/** Answers every request 400 with a body nested `depth` deep, in JSON or XML. */
export function deepAnswerTarget(format: 'json' | 'xml', depth = 20_000): Promise<LoopbackServer> {
  const body = format === 'json' ? deepJsonBody(depth) : deepXmlBody(depth);
  const type = format === 'json' ? JSON_TYPE : 'text/xml;charset=utf-8';
  return startLoopback((_req, res) => {
    res.writeHead(400, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}
