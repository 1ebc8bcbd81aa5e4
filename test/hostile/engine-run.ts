import type { TransportVariant } from '../../lib/cases.js';
import { type RunEvent, type RunOptions, type RunOutcome, runConformance } from '../../lib/runner/index.js';
import { loadSpec } from '../../lib/spec/load.js';

export const SPEC = loadSpec();

/** Two rules whose cases create nothing: a hostile target cannot make them leave groups behind. */
export const REFUSAL_RULES = ['name.max-length', 'disk.exists'];

export const V2_FORM_JSON: TransportVariant = {
  signature: 'v2',
  method: 'POST',
  body: 'form',
  format: 'JSON',
};
export const V3_QUERY_XML: TransportVariant = {
  signature: 'v3',
  method: 'POST',
  body: 'query',
  format: 'XML',
};

export type CaseFinished = Extract<RunEvent, { type: 'case-finished' }>;

export interface EngineRun {
  outcome: RunOutcome;
  /** Every case-finished event, in order. */
  cases: CaseFinished[];
  events: RunEvent[];
  durationMs: number;
}

/**
 * Runs the engine in-process against `target` with the default spec and world, a few rules, short
 * timeouts and a small failure streak: what a hostile target test needs. `extra` overrides anything.
 */
export async function runEngine(target: string, extra: Partial<RunOptions> = {}): Promise<EngineRun> {
  const events: RunEvent[] = [];
  const started = performance.now();
  const outcome = await runConformance({
    target,
    world: SPEC.world,
    catalogue: SPEC.catalogue,
    profile: SPEC.profile,
    seed: 1,
    runs: 0,
    only: REFUSAL_RULES,
    transports: [V2_FORM_JSON, V3_QUERY_XML],
    timeoutMs: 500,
    maxConsecutiveTransportFailures: 3,
    snapshotWait: { timeoutMs: 2_000, intervalMs: 20 },
    ...extra,
    onEvent: (event) => {
      events.push(event);
      extra.onEvent?.(event);
    },
  });
  const cases = events.filter((e): e is CaseFinished => e.type === 'case-finished');
  return { outcome, cases, events, durationMs: performance.now() - started };
}
