// The engine's public surface. It never imports a reporter or a suite: they listen to its events.
export type { CaseOutcome } from './case-runner.js';
export type { CaseVerdict, RunEvent } from './events.js';
export type { GenerateCases, GenerateInput, GenerateOutput } from './generate.js';
export { type GroupRef, type JournalEntry, readJournalLeftovers } from './journal.js';
export type { ResolvedRunOptions, RunOptions, SnapshotWait } from './options.js';
export { resolveRunOptions } from './options.js';
export { createRateLimiter, type RateLimiter, type RateLimiterConstraints } from './rate-limit.js';
export type {
  CaseRecord,
  DifferentialReport,
  DifferentialRuleData,
  ErrorRowCoverage,
  RuleResult,
  RunReport,
  Verdict,
} from './result.js';
export { type RunOutcome, runConformance } from './run.js';
export { closeSession, resultsFor, runCases, runRules } from './run-rules.js';
export { caseRecord } from './samples.js';
export { createSession, Session } from './session.js';
