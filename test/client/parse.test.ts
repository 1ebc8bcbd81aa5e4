import { describe, expect, it } from 'vitest';
import { parseBody } from '../../lib/client/parse.js';

const describeXml = (groups: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><DescribeSnapshotGroupsResponse><RequestId>R-1</RequestId><SnapshotGroups>${groups}</SnapshotGroups></DescribeSnapshotGroupsResponse>`;

describe('parseBody', () => {
  it('parses JSON objects', () => {
    expect(parseBody('{"RequestId":"R","SnapshotGroupId":"ssg-1"}')).toEqual({
      format: 'json',
      value: { RequestId: 'R', SnapshotGroupId: 'ssg-1' },
    });
  });

  it('parses XML keeping the root name, values as strings', () => {
    const parsed = parseBody(
      '<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R</RequestId><Code>InvalidParameter</Code><Message>a &amp; b</Message><HostId>0012</HostId></Error>',
    );
    expect(parsed).toEqual({
      format: 'xml',
      root: 'Error',
      value: { RequestId: 'R', Code: 'InvalidParameter', Message: 'a & b', HostId: '0012' },
    });
  });

  it('makes one-item and empty XML lists arrays, as in the JSON form', () => {
    const one = parseBody(
      describeXml(
        '<SnapshotGroup><SnapshotGroupId>ssg-1</SnapshotGroupId><Tags><Tag><Key>k</Key><Value>v</Value></Tag></Tags><Snapshots><Snapshot><SnapshotId>s-1</SnapshotId></Snapshot></Snapshots></SnapshotGroup>',
      ),
    );
    expect(one).toEqual({
      format: 'xml',
      root: 'DescribeSnapshotGroupsResponse',
      value: {
        RequestId: 'R-1',
        SnapshotGroups: {
          SnapshotGroup: [
            {
              SnapshotGroupId: 'ssg-1',
              Tags: { Tag: [{ Key: 'k', Value: 'v' }] },
              Snapshots: { Snapshot: [{ SnapshotId: 's-1' }] },
            },
          ],
        },
      },
    });
    const two = parseBody(
      describeXml(
        '<SnapshotGroup><Name>a</Name></SnapshotGroup><SnapshotGroup><Name>b</Name></SnapshotGroup>',
      ),
    );
    expect(two.format === 'xml' && two.value.SnapshotGroups).toEqual({
      SnapshotGroup: [{ Name: 'a' }, { Name: 'b' }],
    });
    const none = parseBody(describeXml(''));
    expect(none.format === 'xml' && none.value.SnapshotGroups).toEqual({ SnapshotGroup: [] });
  });

  it('leaves JSON exactly as received, so that a list sent as an object stays visible', () => {
    const parsed = parseBody('{"SnapshotGroups":{"SnapshotGroup":{"Name":"a"}}}');
    expect(parsed).toEqual({ format: 'json', value: { SnapshotGroups: { SnapshotGroup: { Name: 'a' } } } });
  });

  it('normalises with a caller-given list of paths', () => {
    const parsed = parseBody('<R><Items><Item>1</Item></Items></R>', { arrayPaths: ['Items.Item'] });
    expect(parsed).toEqual({ format: 'xml', root: 'R', value: { Items: { Item: ['1'] } } });
  });

  it('keeps leaf text exactly (no trimming), and reads pretty-printed XML', () => {
    const parsed = parseBody(
      `<?xml version="1.0"?>\n<!-- a comment -->\n<DescribeSnapshotGroupsResponse>\n  <RequestId>R-1</RequestId>\n  <SnapshotGroups>\n  </SnapshotGroups>\n  <Name> padded </Name>\n  <Description><![CDATA[a <b> & c]]></Description>\n  <Tag kind="ignored">v</Tag>\n</DescribeSnapshotGroupsResponse>\n`,
    );
    expect(parsed).toEqual({
      format: 'xml',
      root: 'DescribeSnapshotGroupsResponse',
      value: {
        RequestId: 'R-1',
        SnapshotGroups: { SnapshotGroup: [] },
        Name: ' padded ',
        Description: 'a <b> & c',
        Tag: 'v',
      },
    });
  });

  it('names line and column of malformed XML, and never expands DTD entities', () => {
    const mismatched = parseBody('<Error>\n<Code>X</Cod>\n</Error>');
    expect(mismatched.format === 'unparseable' && mismatched.reason).toMatch(/^invalid XML: 2:\d+: /);
    const entity = parseBody('<!DOCTYPE Error [<!ENTITY x "expanded">]><Error><Code>&x;</Code></Error>');
    expect(entity.format).toBe('unparseable');
    expect(entity.format === 'unparseable' && entity.reason).toMatch(/entity/i);
  });

  it('records garbage instead of throwing', () => {
    expect(parseBody('')).toEqual({ format: 'empty' });
    expect(parseBody('  \n')).toEqual({ format: 'empty' });
    for (const garbage of [
      '<html><body>oops',
      '{"RequestId":',
      'Internal Server Error',
      '[1,2]',
      '<a></a><b></b>',
      '<a></a>trailing text',
      '<a>unclosed',
      '<a><b></a></b>',
      '<a>&bogus;</a>',
      '\u0000\u0001',
    ]) {
      const parsed = parseBody(garbage);
      expect(parsed.format, garbage).toBe('unparseable');
      expect(parsed.format === 'unparseable' && parsed.reason.length > 0).toBe(true);
    }
  });
});
