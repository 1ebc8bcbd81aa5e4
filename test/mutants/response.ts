import { defaultSeams, type RenderedBody, type RenderInput, renderBody } from '../../emulator/index.js';
import type { Mutant } from './types.js';

/** The rendered body without one top-level field, in the format it was rendered in. */
const dropField = (rendered: RenderedBody, format: RenderInput['format'], field: string): RenderedBody => {
  if (format === 'XML') {
    return { ...rendered, body: rendered.body.replace(new RegExp(`<${field}>[^<]*</${field}>`), '') };
  }
  const fields = JSON.parse(rendered.body) as Record<string, unknown>;
  delete fields[field];
  return { ...rendered, body: JSON.stringify(fields) };
};

const renderWithout =
  (kind: RenderInput['kind'], field: string) =>
  (input: RenderInput): RenderedBody => {
    const rendered = renderBody(input);
    return input.kind === kind ? dropField(rendered, input.format, field) : rendered;
  };

let pooledIdCalls = 0;

/** Bodies, content types and ids as a client reads them. */
export const RESPONSE_MUTANTS: Mutant[] = [
  {
    id: 'render.xml-ignored',
    family: 'response',
    description: 'Format=XML is ignored: every answer is JSON.',
    seams: { render: (input) => renderBody({ ...input, format: 'JSON' }) },
  },
  {
    id: 'render.xml-as-application-xml',
    family: 'response',
    description:
      'XML answers carry Content-Type application/xml (the SDK parses XML errors only as text/xml).',
    seams: {
      render: (input) => {
        const rendered = renderBody(input);
        return input.format === 'XML' ? { ...rendered, contentType: 'application/xml' } : rendered;
      },
    },
  },
  {
    id: 'render.json-as-text-plain',
    family: 'response',
    description: 'JSON answers carry Content-Type text/plain.',
    seams: {
      render: (input) => {
        const rendered = renderBody(input);
        return input.format === 'JSON' ? { ...rendered, contentType: 'text/plain;charset=utf-8' } : rendered;
      },
    },
  },
  {
    id: 'render.error-without-host-id',
    family: 'response',
    description: 'Error bodies lack HostId.',
    seams: { render: renderWithout('error', 'HostId') },
  },
  {
    id: 'render.error-without-request-id',
    family: 'response',
    description: 'Error bodies lack RequestId.',
    seams: { render: renderWithout('error', 'RequestId') },
  },
  {
    id: 'render.error-without-message',
    family: 'response',
    description: 'Error bodies lack Message.',
    seams: { render: renderWithout('error', 'Message') },
  },
  {
    id: 'render.success-without-request-id',
    family: 'response',
    description: 'Success bodies lack RequestId.',
    seams: { render: renderWithout('success', 'RequestId') },
  },
  {
    id: 'render.xml-success-root-generic',
    family: 'response',
    description: 'XML success bodies have the root <Response> instead of <CreateSnapshotGroupResponse>.',
    seams: {
      render: (input) => {
        const rendered = renderBody(input);
        if (input.kind !== 'success' || input.format !== 'XML') return rendered;
        const root = `${input.action}Response`;
        return {
          ...rendered,
          body: rendered.body.replace(`<${root}>`, '<Response>').replace(`</${root}>`, '</Response>'),
        };
      },
    },
  },
  {
    id: 'ids.request-id-constant',
    family: 'response',
    description: 'Every answer carries the same RequestId.',
    seams: { newRequestId: () => '01ABBD93-1ABB-4D92-B496-1A3D20EC0697' },
  },
  {
    id: 'ids.request-id-repeats-every-100',
    family: 'response',
    description: 'RequestIds come from a small pool and repeat (every 100 answers).',
    seams: {
      newRequestId: () => {
        pooledIdCalls = (pooledIdCalls + 1) % 100;
        return `01ABBD93-1ABB-4D92-B496-${String(pooledIdCalls).padStart(12, '0')}`;
      },
    },
  },
  {
    id: 'ids.group-id-without-prefix',
    family: 'response',
    description: 'SnapshotGroupIds lack the ssg- prefix.',
    seams: { newSnapshotGroupId: () => defaultSeams.newSnapshotGroupId().slice('ssg-'.length) },
  },
  {
    id: 'ids.group-id-repeated',
    family: 'response',
    description: 'Every group gets the same SnapshotGroupId (a later group replaces the earlier one).',
    seams: { newSnapshotGroupId: () => 'ssg-j6ciyh3k52qp7ovm0001' },
  },
  {
    id: 'ids.snapshot-id-without-prefix',
    family: 'response',
    description: 'The snapshots of a group have ids without the s- prefix.',
    seams: { newSnapshotId: () => defaultSeams.newSnapshotId().slice('s-'.length) },
  },
];
