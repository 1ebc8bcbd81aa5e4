import type { Case } from '../cases.js';
import type { Exchange } from '../client/exchange.js';
import { boundedText } from '../shown-text.js';
import { describedGroup, describedGroups } from './described-group.js';
import type { Finding } from './finding.js';
import { bodyRecord, errorCodeOf, groupIdOf, isSuccessStatus, requestIdOf } from './response.js';

/** What one side (the candidate or the reference) answered to one case. */
export interface SideAnswer {
  /** The case's requests' exchanges, in the order sent: the prelude's, then the case's own. */
  exchanges: readonly Exchange[];
  /** A page-walking Describe's further pages, in the order followed. */
  pages?: readonly Exchange[];
  /** DescribeSnapshotGroups of the group the case's own request created, once it settled. */
  afterCreate?: Exchange;
  /** That group's id (on this side). */
  groupId?: string;
}

/**
 * One answer as the comparison sees it, once what may legitimately differ is taken out: RequestId,
 * SnapshotGroupId and timestamp values, message text (only the field set and the types of a body are
 * kept, plus its Code), the content type's parameters (charset), and group ids (numbered per case in
 * order of appearance, so that "the replay returned the first request's group" is still compared).
 */
export interface AnswerShape {
  outcome: string;
  contentType?: string;
  fields?: string;
  /** The format of the RequestId and SnapshotGroupId values (prefix, lengths, characters), not the values. */
  idFormat?: string;
  group?: string;
  /** The case's RequestIds numbered in order of appearance: a repeated one within a case shows. */
  requestId?: string;
}

/** The code a target answers while a ClientToken is being processed: which request meets it is timing. */
const PROCESSING = 'IdempotentProcessing';

/** Every `path:type` of a body, sorted; lists as `path[]`, so a list's length is not compared. */
export function fieldSet(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    const items = value.flatMap((item) => fieldSet(item, `${path}[]`));
    return [...new Set(items.length === 0 ? [`${path}[]:empty`] : items)].sort();
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [`${path}:object`];
    return entries.flatMap(([key, inner]) => fieldSet(inner, path === '' ? key : `${path}.${key}`)).sort();
  }
  return [`${path}:${value === null ? 'null' : typeof value}`];
}

const mediaType = (headers: Record<string, string>): string | undefined =>
  headers['content-type']?.split(';')[0]?.trim().toLowerCase();

const ALPHABETS: ReadonlyArray<[RegExp, string]> = [
  [/^[0-9]+$/, 'digits'],
  [/^[0-9a-f]+$/, 'hex'],
  [/^[0-9A-F]+$/, 'HEX'],
  [/^[0-9a-z]+$/, 'lower-alnum'],
  [/^[0-9A-Z]+$/, 'upper-alnum'],
  [/^[0-9A-Za-z]+$/, 'alnum'],
];

/**
 * An id's format without its value: a lower-case prefix kept (`ssg-`), the lengths of its alphanumeric
 * runs (`8-4-4-4-12`), and the narrowest alphabet holding them. Two random ids of one format agree
 * (a random one falls into a narrower alphabet with negligible odds at these lengths).
 */
export function idFormat(value: string): string {
  const [, prefix = '', rest = ''] = /^([a-z]+-)?([\s\S]*)$/.exec(value) ?? [];
  const skeleton = rest.replace(/[0-9A-Za-z]+/g, (run) => String(run.length));
  const letters = rest.replace(/[^0-9A-Za-z]/g, '');
  const alphabet = ALPHABETS.find(([pattern]) => pattern.test(letters))?.[1] ?? 'other';
  return `${prefix}${skeleton} ${alphabet}`;
}

/** Numbers the case's group ids (or RequestIds) in order of appearance: `#1`, `#2`. */
function groupNumbering(): (id: string) => string {
  const seen = new Map<string, string>();
  return (id) => {
    let label = seen.get(id);
    if (label === undefined) {
      label = `#${seen.size + 1}`;
      seen.set(id, label);
    }
    return label;
  };
}

/**
 * The shape of one answer. In a case whose requests race (`concurrent`), which of them meets
 * IdempotentProcessing and which one creates is timing, not behaviour: a success and that code are
 * one outcome there.
 */
export function answerShape(
  exchange: Exchange,
  racing: boolean,
  number: (id: string) => string,
  numberRequestId: (id: string) => string = groupNumbering(),
): AnswerShape {
  const response = exchange.response;
  if (response === undefined) return { outcome: `no answer (${exchange.failure?.code ?? 'unknown'})` };
  const code = errorCodeOf(exchange);
  const success = isSuccessStatus(response.status);
  if (racing && (success || code === PROCESSING)) return { outcome: `succeeded or ${PROCESSING}` };
  const record = bodyRecord(response.parsed);
  const groupId = groupIdOf(exchange);
  const requestId = requestIdOf(exchange);
  const contentType = mediaType(response.headers);
  // XML names its root element: part of the body's shape.
  const root = response.parsed.format === 'xml' ? `<${response.parsed.root}> ` : '';
  const ids = [
    ...(requestId === undefined ? [] : [`RequestId ${idFormat(requestId)}`]),
    ...(groupId === undefined ? [] : [`SnapshotGroupId ${idFormat(groupId)}`]),
  ];
  return {
    outcome: `${response.status}${code === undefined ? '' : ` ${code}`}`,
    ...(contentType !== undefined && { contentType }),
    fields:
      record === undefined ? `(${response.parsed.format} body)` : `${root}${fieldSet(record).join(' ')}`,
    ...(ids.length > 0 && { idFormat: ids.join('; ') }),
    ...(groupId !== undefined && { group: number(groupId) }),
    ...(requestId !== undefined && { requestId: numberRequestId(requestId) }),
  };
}

/** What the listing after the create shows of the group: what the request asked to be stored. */
export function stateProjection(side: SideAnswer): string | undefined {
  if (side.afterCreate?.response === undefined || side.groupId === undefined) return undefined;
  const found = describedGroup(side.afterCreate, side.groupId);
  if ('problem' in found) return `(listing unreadable: ${found.problem})`;
  const group = found.group;
  if (group === undefined) return '(not listed)';
  const userTags = group.tags
    .filter((tag) => !tag.key.startsWith('acs:'))
    .map((tag) => `${tag.key}=${tag.value}`)
    .sort();
  const snapshots = group.snapshots
    .map(
      (s) =>
        `${s.sourceDiskId ?? '?'}${s.snapshotId === undefined ? '' : ` id=${idFormat(s.snapshotId)}`}${s.instantAccess === undefined ? '' : ` instantAccess=${s.instantAccess}`}${
          s.instantAccessRetentionDays === undefined ? '' : ` retention=${s.instantAccessRetentionDays}`
        }`,
    )
    .sort();
  return JSON.stringify({
    disks: snapshots,
    name: group.name ?? null,
    description: group.description ?? null,
    tags: userTags,
    resourceGroup: group.resourceGroupId ?? null,
    instance: group.instanceId ?? null,
  });
}

/** One disagreement: where, what, and each side's value. */
export interface Disagreement {
  /** `request 1 of 2 (prelude)`, `the case's own request`, `the group after the create`. */
  where: string;
  aspect: 'outcome' | 'content type' | 'body fields' | 'id format' | 'group' | 'request id' | 'state';
  candidate: string;
  reference: string;
}

const NONE = '(none)';

function whereOf(index: number, count: number): string {
  return index === count - 1 ? "the case's own request" : `prelude request ${index + 1} of ${count - 1}`;
}

/**
 * Every way the candidate's answers to one case differ from the reference's, in request order; empty
 * when they agree. The same requests went to both sides in the same order (the engine sees to it).
 */
export function disagreements(c: Case, candidate: SideAnswer, reference: SideAnswer): Disagreement[] {
  const racing = c.concurrent === true;
  const numberCandidate = groupNumbering();
  const numberReference = groupNumbering();
  const requestIdsOfCandidate = groupNumbering();
  const requestIdsOfReference = groupNumbering();
  const found: Disagreement[] = [];
  const count = Math.max(candidate.exchanges.length, reference.exchanges.length);
  for (let index = 0; index < count; index++) {
    const mine = candidate.exchanges[index];
    const theirs = reference.exchanges[index];
    const where = whereOf(index, count);
    if (mine === undefined || theirs === undefined) {
      found.push({
        where,
        aspect: 'outcome',
        candidate: mine === undefined ? '(not sent)' : 'sent',
        reference: theirs === undefined ? '(not recorded)' : 'sent',
      });
      continue;
    }
    const a = answerShape(mine, racing, numberCandidate, requestIdsOfCandidate);
    const b = answerShape(theirs, racing, numberReference, requestIdsOfReference);
    const compare = (aspect: Disagreement['aspect'], x: string | undefined, y: string | undefined) => {
      if ((x ?? NONE) !== (y ?? NONE))
        found.push({ where, aspect, candidate: x ?? NONE, reference: y ?? NONE });
    };
    compare('outcome', a.outcome, b.outcome);
    // Once the outcomes differ, the bodies differ too: the outcome says it.
    if (a.outcome !== b.outcome) continue;
    compare('content type', a.contentType, b.contentType);
    compare('body fields', a.fields, b.fields);
    compare('id format', a.idFormat, b.idFormat);
    if (!racing) compare('group', a.group, b.group);
    compare('request id', a.requestId, b.requestId);
  }
  found.push(...listedByIds(c, candidate, reference));
  found.push(...pageDisagreements(candidate.pages ?? [], reference.pages ?? []));
  const mineState = stateProjection(candidate);
  const theirState = stateProjection(reference);
  if (mineState !== undefined && theirState !== undefined && mineState !== theirState) {
    found.push({
      where: 'the group after the create',
      aspect: 'state',
      candidate: mineState,
      reference: theirState,
    });
  }
  return found;
}

/**
 * A Describe by SnapshotGroupId.N names only the case's own groups: both sides list as many. (Other
 * filters may match groups an account held before the run, so how many they list is not compared.)
 */
function listedByIds(c: Case, candidate: SideAnswer, reference: SideAnswer): Disagreement[] {
  const byIds =
    c.request.action === 'DescribeSnapshotGroups' &&
    c.request.params.some(([name]) => name.startsWith('SnapshotGroupId.'));
  const mine = candidate.exchanges.at(-1);
  const theirs = reference.exchanges.at(-1);
  if (!byIds || mine === undefined || theirs === undefined) return [];
  const count = (exchange: Exchange): string => {
    const listed = describedGroups(exchange);
    return 'problem' in listed ? 'unreadable' : `${listed.groups.length} listed`;
  };
  const [a, b] = [count(mine), count(theirs)];
  return a === b ? [] : [{ where: "the case's own request", aspect: 'group', candidate: a, reference: b }];
}

/**
 * The pages a walking Describe followed after its first: as many on each side (a target that ignores
 * MaxResults answers fewer, one that repeats a group across pages more), each of the same shape.
 */
function pageDisagreements(candidate: readonly Exchange[], reference: readonly Exchange[]): Disagreement[] {
  if (candidate.length !== reference.length) {
    const pages = (n: number) => `${n + 1} page${n === 0 ? '' : 's'}`;
    return [
      {
        where: 'the pages after the first',
        aspect: 'outcome',
        candidate: pages(candidate.length),
        reference: pages(reference.length),
      },
    ];
  }
  const found: Disagreement[] = [];
  candidate.forEach((mine, index) => {
    const theirs = reference[index] as Exchange;
    const a = answerShape(mine, false, groupNumbering(), groupNumbering());
    const b = answerShape(theirs, false, groupNumbering(), groupNumbering());
    const where = `page ${index + 2} of the walk`;
    if (a.outcome !== b.outcome)
      found.push({ where, aspect: 'outcome', candidate: a.outcome, reference: b.outcome });
    else if ((a.fields ?? NONE) !== (b.fields ?? NONE))
      found.push({ where, aspect: 'body fields', candidate: a.fields ?? NONE, reference: b.fields ?? NONE });
  });
  return found;
}

/** Both sides of a disagreement, each with how to replay it there. */
export interface SideLabel {
  /** The reference URL, or `cassette:DIR`. */
  label: string;
  replay: string;
}

const REPLAY_MAX = 2048;

/**
 * The case's disagreements as one finding of the case's rule: both answers side by side (expected is
 * the reference's, actual the candidate's), each with its replay command. Target text is bounded here
 * (findingFor's backstop does not apply: this finding is not made from a CheckContext).
 */
export function differentialFinding(
  c: Case,
  found: readonly Disagreement[],
  sides: { candidate: SideLabel; reference: SideLabel },
): Finding {
  const first = found[0] as Disagreement;
  const list = (pick: (d: Disagreement) => string) =>
    found.map((d) => `${d.where}, ${d.aspect}: ${boundedText(pick(d), 1024)}`).join('; ');
  return {
    check: 'agreesWithReference',
    rule: c.rule,
    caseId: c.id,
    message: boundedText(
      `differs from the reference ${sides.reference.label}: ${first.where}, ${first.aspect}${
        found.length > 1 ? ` (and ${found.length - 1} more)` : ''
      }`,
      1024,
    ),
    expected: boundedText(
      `reference ${sides.reference.label}: ${list((d) => d.reference)}; replay: ${boundedText(sides.reference.replay, REPLAY_MAX)}`,
      8192,
    ),
    actual: boundedText(
      `candidate: ${list((d) => d.candidate)}; replay: ${boundedText(sides.candidate.replay, REPLAY_MAX)}`,
      8192,
    ),
  };
}
