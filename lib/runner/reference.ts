import type { Case } from '../cases.js';
import { differentialFinding, disagreements, type SideAnswer } from '../checks/differential.js';
import { errorCodeOf } from '../checks/index.js';
import { throttledAnswer } from '../client/index.js';
import { ToolError } from '../errors.js';
import { boundedText } from '../shown-text.js';
import type { Judgement, SideOutcome } from './case-runner.js';
import { OPEN_EXPECTATIONS } from './cassette-evidence.js';
import type { DifferentialRuleData } from './result.js';
import { replayCommands } from './samples.js';

/**
 * The second sender of a differential run: it receives every case the candidate receives (the same
 * requests, prelude and same-token replays included, in the same order) and answers what the reference
 * answered. A live one sends them to a second endpoint (live-reference.ts); a cassette answers from
 * recorded files (cassette-reader.ts), with no network and no credentials.
 */
export interface ReferenceSender {
  /** The reference as reports name it: its URL, or `cassette:DIR`. */
  readonly label: string;
  /** Where a replay command sends the case to reproduce the reference's answer. */
  readonly replayTarget: string;
  /** Its answers to the case; undefined when it has none (a cassette recorded without this case). */
  answer(c: Case): Promise<SideOutcome | undefined>;
  /** Why the reference side stopped (a live endpoint that kept failing), if it did. */
  stopped?(): ToolError | undefined;
  /** Cleans up (a live reference sweeps its groups); returns the groups it could not delete. */
  close(): Promise<string[]>;
}

/** The reference's answer to the case's own request, as a rule's evidence counts it: `400 InvalidParameter`. */
const outcomeOf = (side: SideOutcome): string => {
  const response = side.exchange.response;
  if (response === undefined) return 'no answer';
  const code = errorCodeOf(side.exchange);
  // A Code is the target's text: bounded where it becomes a key of ours.
  return code === undefined ? String(response.status) : `${response.status} ${boundedText(code)}`;
};

const asSide = (side: SideOutcome): SideAnswer => ({
  exchanges: [...side.prelude, side.exchange],
  ...(side.pages !== undefined && { pages: side.pages }),
  ...(side.state?.afterCreate !== undefined && { afterCreate: side.state.afterCreate }),
  ...(side.state !== undefined && { groupId: side.state.groupId }),
});

/** An answer that says nothing about behaviour: lost, or throttled past its retries. */
const unusable = (side: SideOutcome): boolean =>
  [...side.prelude, side.exchange].some(
    (exchange) => exchange.response === undefined || throttledAnswer(exchange.response) !== undefined,
  );

/** Wraps the reference's sender: judges each case's two answers, and keeps the counts per rule. */
export class Reference {
  readonly rules = new Map<string, DifferentialRuleData>();

  constructor(
    readonly sender: ReferenceSender,
    /** The candidate, as its replay commands name it. */
    readonly candidate: { target: string; worldFile?: string },
  ) {}

  get label(): string {
    return this.sender.label;
  }

  answer(c: Case): Promise<SideOutcome | undefined> {
    return this.sender.answer(c);
  }

  #data(rule: string): DifferentialRuleData {
    let data = this.rules.get(rule);
    if (data === undefined) {
      data = { compared: 0, disagreeing: 0, uncompared: 0 };
      this.rules.set(rule, data);
    }
    return data;
  }

  /**
   * The candidate's judgement, with the disagreements added as one finding of the case's rule (whether
   * or not the catalogue's expectation was met). A case the candidate's checks could not judge
   * (inconclusive) is not compared either.
   */
  judge(c: Case, mine: SideOutcome, theirs: SideOutcome | undefined, judged: Judgement): Judgement {
    const data = this.#data(c.rule);
    if (judged.verdict === 'inconclusive' || theirs === undefined || unusable(mine) || unusable(theirs)) {
      data.uncompared += 1;
      return judged;
    }
    data.compared += 1;
    // The rule's own single-fault cases: a multi-fault case's answer is another fault's, by precedence.
    if (OPEN_EXPECTATIONS.has(c.expected.kind) && c.kind !== 'multi-fault' && c.kind !== 'valid') {
      data.referenceAnswers ??= {};
      const answers = data.referenceAnswers;
      const outcome = outcomeOf(theirs);
      answers[outcome] = (answers[outcome] ?? 0) + 1;
    }
    const found = disagreements(c, asSide(mine), asSide(theirs));
    if (found.length === 0) return judged;
    data.disagreeing += 1;
    const world = this.candidate.worldFile === undefined ? {} : { worldFile: this.candidate.worldFile };
    const finding = differentialFinding(c, found, {
      candidate: {
        label: this.candidate.target,
        replay: replayCommands(c, { target: this.candidate.target, ...world }),
      },
      reference: {
        label: this.sender.label,
        replay: replayCommands(c, { target: this.sender.replayTarget, ...world }),
      },
    });
    const { reason: _inconclusiveOnly, ...rest } = judged;
    return {
      ...rest,
      findings: [...judged.findings, finding],
      rules: judged.rules.includes(c.rule) ? judged.rules : [c.rule, ...judged.rules],
      verdict: 'failed',
    };
  }

  /** The counts so far, for the rules given (a suite file reports its own). */
  dataFor(rules: readonly string[]): Record<string, DifferentialRuleData> {
    const out: Record<string, DifferentialRuleData> = {};
    for (const rule of rules) {
      const data = this.rules.get(rule);
      if (data !== undefined) out[rule] = structuredClone(data);
    }
    return out;
  }

  /** The reference's stop, as the candidate's run reports it: a differential run needs both sides. */
  stopped(): ToolError | undefined {
    const stop = this.sender.stopped?.();
    return stop === undefined
      ? undefined
      : new ToolError(stop.code, `the reference ${this.label}: ${stop.message}`);
  }

  close(): Promise<string[]> {
    return this.sender.close();
  }
}
