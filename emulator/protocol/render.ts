import type { ApiError } from './errors.js';
import { type BodyValue, toXml } from './xml.js';

export type Format = 'JSON' | 'XML';

/** The official SDK parses an XML error only with exactly this content type (protocol.md section 3). */
export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  JSON: 'application/json;charset=utf-8',
  XML: 'text/xml;charset=utf-8',
};

export type RenderInput = { format: Format; requestId: string } & (
  | { kind: 'success'; action: string; fields: Record<string, BodyValue> }
  | { kind: 'error'; error: ApiError; hostId: string }
);

export interface RenderedBody {
  contentType: string;
  body: string;
}

const recommendFor = (code: string, requestId: string): string =>
  `https://api.alibabacloud.com/troubleshoot?q=${encodeURIComponent(code)}&product=Ecs&requestId=${requestId}`;

/** Success roots are named after the action (`CreateSnapshotGroupResponse`), errors are `<Error>`. */
export const renderBody = (input: RenderInput): RenderedBody => {
  const { root, fields } =
    input.kind === 'success'
      ? { root: `${input.action}Response`, fields: { RequestId: input.requestId, ...input.fields } }
      : {
          root: 'Error',
          fields: {
            RequestId: input.requestId,
            HostId: input.hostId,
            Code: input.error.code,
            Message: input.error.message,
            Recommend: recommendFor(input.error.code, input.requestId),
          },
        };
  return input.format === 'XML'
    ? { contentType: CONTENT_TYPES.XML, body: toXml(root, fields) }
    : { contentType: CONTENT_TYPES.JSON, body: JSON.stringify(fields) };
};
