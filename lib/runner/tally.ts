import type { Finding } from '../checks/index.js';
import type { CaseRecord } from './result.js';

/** Bounds that keep a 10,000-case result small. */
export const MAX_FINDINGS_PER_RULE = 50;
export const MAX_FAILING_SAMPLES = 5;

/** A rule's tally as plain data: what crosses the worker boundary and vitest's blob files. */
export interface TallyData {
  casesRun: number;
  casesFailed: number;
  inconclusive: number;
  skippedBudget: number;
  notRun: number;
  findingsTotal: number;
  findings: Finding[];
  failing: CaseRecord[];
  passing?: CaseRecord;
  /** Reason of the inconclusive case first in case order, and its id. */
  firstInconclusive?: string;
  firstInconclusiveId?: string;
  /** Request-schema keywords the rule's sampled cases exercised (location → counts). */
  schema?: Record<string, SchemaCount>;
  /** The rule's own cases sent per signature, method and format (`v2`, `GET`, `XML` → count). */
  transports?: Record<string, number>;
  /** Near misses of forbidden words its own cases sent, per field (`Tag.N.Key` → counts). */
  nearMisses?: Record<string, NearMissCount>;
  /** The rule's own passed cases that carried a note (what they could not observe), and the first note. */
  noted?: number;
  firstNote?: string;
  firstNoteId?: string;
}

/** Near-miss values sent in one field, and how many of them the target accepted and refused. */
export interface NearMissCount {
  sent: number;
  accepted: number;
  refused: number;
}

/** How many sampled cases broke a schema keyword, and how many sat exactly on its bound. */
export interface SchemaCount {
  violated: number;
  atEdge: number;
}

/**
 * Cases of a rule whose requests are read against the request schema: the first of each kind in case
 * order, where every deterministic boundary and fault case sits. Reading costs far more than sending, so a large run
 * reads no more than a small one.
 */
export const SCHEMA_SAMPLE_PER_RULE = 12;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Natural order of case ids (`rule/kind/10` after `rule/kind/9`): the same on every machine. Runs of
 * digits compare by value, the rest character by character. Allocates nothing: the tallies compare
 * ids for every case and every rule it bears on.
 */
export function compareCaseIds(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Compare the two digit runs by value: skip leading zeros, then longer is larger, then digit by digit.
      let endA = i;
      let endB = j;
      while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
      while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
      let startA = i;
      let startB = j;
      while (startA < endA - 1 && a.charCodeAt(startA) === 48) startA++;
      while (startB < endB - 1 && b.charCodeAt(startB) === 48) startB++;
      const lengths = endA - startA - (endB - startB);
      if (lengths !== 0) return lengths;
      for (let k = 0; k < endA - startA; k++) {
        const d = a.charCodeAt(startA + k) - b.charCodeAt(startB + k);
        if (d !== 0) return d;
      }
      // Same value, spelled with different zeros ("05", "5"): as text, so that the order stays total.
      if (endA - i !== endB - j) return a.slice(i, endA) < b.slice(j, endB) ? -1 : 1;
      i = endA;
      j = endB;
      continue;
    }
    // A digit run against text: the text before the run ended first, and a shorter text sorts first.
    if (isDigit(x) !== isDigit(y)) return isDigit(x) ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

/** Samples and findings order for a rule: the rule's own cases first, then case id order. */
export function compareForRule(rule: string, a: string, b: string): number {
  const own = (id: string) => (id.startsWith(`${rule}/`) ? 0 : 1);
  return own(a) - own(b) || compareCaseIds(a, b);
}

/**
 * The passing sample a rule's row shows: the rule's own cases first, then a single-fault case before the
 * rule's multi-fault case (ids `<rule>/multi-fault/<n>`), whose answer is another rule's error by
 * precedence and would read like a failure next to the rule's expectation; then case order.
 */
export function comparePassingForRule(rule: string, a: string, b: string): number {
  const multi = (id: string) => (id.includes('/multi-fault/') ? 1 : 0);
  const own = (id: string) => (id.startsWith(`${rule}/`) ? 0 : 1);
  return own(a) - own(b) || multi(a) - multi(b) || compareCaseIds(a, b);
}

/** Inserts in order (after equal keys, so a case's findings keep their order) and keeps the first `cap`. */
function insertCapped<T>(list: T[], items: readonly T[], cap: number, compare: (a: T, b: T) => number): void {
  for (const item of items) {
    let at = list.length;
    while (at > 0 && compare(list[at - 1] as T, item) > 0) at -= 1;
    if (at >= cap) continue;
    list.splice(at, 0, item);
    if (list.length > cap) list.length = cap;
  }
}

/** A sample offered to a tally: its case id, and its record (`build` may be called more than once). */
interface Sample {
  id: string;
  build: () => CaseRecord;
}

/**
 * What the cases that bore on one rule left: counts, bounded findings and bounded samples. Findings and
 * samples are kept in case order (not completion order), so that one seed gives one report, and
 * tallies of disjoint sets of cases add up to the tally of their union (see `mergeTallies`). A sample's
 * record is built only when read: most samples offered during a run are displaced by earlier cases.
 */
export class RuleTally implements TallyData {
  casesRun = 0;
  casesFailed = 0;
  inconclusive = 0;
  /** Never sent: the create budget was spent. */
  skippedBudget = 0;
  /** Never sent: the run stopped first. */
  notRun = 0;
  findingsTotal = 0;
  readonly findings: Finding[] = [];
  readonly #failing: Sample[] = [];
  #passing: Sample | undefined;
  firstInconclusive: string | undefined;
  firstInconclusiveId: string | undefined;
  readonly schema: Record<string, SchemaCount> = {};
  readonly transports: Record<string, number> = {};
  readonly nearMisses: Record<string, NearMissCount> = {};

  /** Adds near-miss counts of one field (a case's, or a share's). */
  addNearMisses(field: string, count: NearMissCount): void {
    const total = this.nearMisses[field] ?? { sent: 0, accepted: 0, refused: 0 };
    total.sent += count.sent;
    total.accepted += count.accepted;
    total.refused += count.refused;
    this.nearMisses[field] = total;
  }

  /** Counts one of the rule's own cases under its signature, its method and its format. */
  addTransport(transport: { signature: string; method: string; format: string }): void {
    for (const key of [transport.signature, transport.method, transport.format])
      this.transports[key] = (this.transports[key] ?? 0) + 1;
  }

  /** Counts the keywords one case broke or sat on. */
  addSchema(touches: { violated: readonly string[]; atEdge: readonly string[] }): void {
    for (const location of touches.violated) this.#count(location).violated += 1;
    for (const location of touches.atEdge) this.#count(location).atEdge += 1;
  }

  addSchemaCount(location: string, count: SchemaCount): void {
    const total = this.#count(location);
    total.violated += count.violated;
    total.atEdge += count.atEdge;
  }

  #count(location: string): SchemaCount {
    let count = this.schema[location];
    if (count === undefined) {
      count = { violated: 0, atEdge: 0 };
      this.schema[location] = count;
    }
    return count;
  }
  noted = 0;
  firstNote: string | undefined;
  firstNoteId: string | undefined;

  get failing(): CaseRecord[] {
    return this.#failing.map((sample) => sample.build());
  }

  get passing(): CaseRecord | undefined {
    return this.#passing?.build();
  }

  set passing(record: CaseRecord | undefined) {
    this.#passing = record === undefined ? undefined : { id: record.id, build: () => record };
  }

  addFindings(rule: string, findings: readonly Finding[]): void {
    this.findingsTotal += findings.length;
    insertCapped(this.findings, findings, MAX_FINDINGS_PER_RULE, (a, b) =>
      compareForRule(rule, a.caseId, b.caseId),
    );
  }

  /** A failing sample of this case is wanted only if it would be kept. */
  wantsFailingSample(rule: string, caseId: string): boolean {
    const last = this.#failing[MAX_FAILING_SAMPLES - 1];
    return last === undefined || compareForRule(rule, caseId, last.id) < 0;
  }

  addFailing(rule: string, records: readonly CaseRecord[]): void {
    for (const record of records) this.offerFailing(rule, record.id, () => record);
  }

  /** Keeps the case as a failing sample if it is among the first in case order; `build` runs when read (memoise it). */
  offerFailing(rule: string, caseId: string, build: () => CaseRecord): void {
    if (!this.wantsFailingSample(rule, caseId)) return;
    insertCapped(this.#failing, [{ id: caseId, build }], MAX_FAILING_SAMPLES, (a, b) =>
      compareForRule(rule, a.id, b.id),
    );
  }

  wantsPassingSample(rule: string, caseId: string): boolean {
    return this.#passing === undefined || comparePassingForRule(rule, caseId, this.#passing.id) < 0;
  }

  /** Keeps the case as the passing sample if it comes first in case order; `build` runs when read. */
  offerPassing(rule: string, caseId: string, build: () => CaseRecord): void {
    if (this.wantsPassingSample(rule, caseId)) this.#passing = { id: caseId, build };
  }

  addInconclusive(caseId: string, reason: string | undefined, count = 1): void {
    this.inconclusive += count;
    if (this.firstInconclusiveId === undefined || compareCaseIds(caseId, this.firstInconclusiveId) < 0) {
      this.firstInconclusiveId = caseId;
      this.firstInconclusive = reason;
    }
  }

  /** A passed case of the rule's own that could not observe all the rule allows (see CaseOutcome.note). */
  addNote(caseId: string, note: string | undefined, count = 1): void {
    this.noted += count;
    if (this.firstNoteId === undefined || compareCaseIds(caseId, this.firstNoteId) < 0) {
      this.firstNoteId = caseId;
      this.firstNote = note;
    }
  }

  /** Plain data (for task meta); undefined fields left out. */
  toData(): TallyData {
    return {
      casesRun: this.casesRun,
      casesFailed: this.casesFailed,
      inconclusive: this.inconclusive,
      skippedBudget: this.skippedBudget,
      notRun: this.notRun,
      findingsTotal: this.findingsTotal,
      findings: [...this.findings],
      failing: this.failing,
      ...(this.#passing !== undefined && { passing: this.#passing.build() }),
      ...(this.firstInconclusive !== undefined && { firstInconclusive: this.firstInconclusive }),
      ...(this.firstInconclusiveId !== undefined && { firstInconclusiveId: this.firstInconclusiveId }),
      ...(Object.keys(this.schema).length > 0 && { schema: structuredClone(this.schema) }),
      ...(Object.keys(this.transports).length > 0 && { transports: { ...this.transports } }),
      ...(Object.keys(this.nearMisses).length > 0 && { nearMisses: structuredClone(this.nearMisses) }),
      ...(this.noted > 0 && { noted: this.noted }),
      ...(this.firstNote !== undefined && { firstNote: this.firstNote }),
      ...(this.firstNoteId !== undefined && { firstNoteId: this.firstNoteId }),
    };
  }
}

/** The tally of the union of disjoint sets of cases, from the tallies of each (order does not matter). */
export function mergeTallies(rule: string, parts: readonly TallyData[]): RuleTally {
  const total = new RuleTally();
  for (const part of parts) {
    total.casesRun += part.casesRun;
    total.casesFailed += part.casesFailed;
    total.skippedBudget += part.skippedBudget;
    total.notRun += part.notRun;
    total.findingsTotal += part.findingsTotal;
    insertCapped(total.findings, part.findings, MAX_FINDINGS_PER_RULE, (a, b) =>
      compareForRule(rule, a.caseId, b.caseId),
    );
    total.addFailing(rule, part.failing);
    const passing = part.passing;
    if (passing) total.offerPassing(rule, passing.id, () => passing);
    if (part.inconclusive > 0)
      total.addInconclusive(part.firstInconclusiveId ?? '', part.firstInconclusive, part.inconclusive);
    for (const [location, count] of Object.entries(part.schema ?? {})) total.addSchemaCount(location, count);
    for (const [key, count] of Object.entries(part.transports ?? {}))
      total.transports[key] = (total.transports[key] ?? 0) + count;
    for (const [field, count] of Object.entries(part.nearMisses ?? {})) total.addNearMisses(field, count);
    if ((part.noted ?? 0) > 0) total.addNote(part.firstNoteId ?? '', part.firstNote, part.noted);
  }
  return total;
}
