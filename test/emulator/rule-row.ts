import type { Tamper, TransportVariant, WireParams } from '../../lib/cases.js';
import { REGION } from './world-fixture.js';

/** One hand-built request that breaks (or, for success rules, meets) a rule, and the emulator's answer. */
export interface RuleRow {
  rule: string;
  label: string;
  params: WireParams;
  account?: string;
  action?: string;
  tamper?: Tamper;
  transport?: Partial<TransportVariant>;
  /** [code, status], or 'success'. */
  expect: [string, number] | 'success';
}

export const R: [string, string] = ['RegionId', REGION];
export const disk = (id: string): WireParams => [R, ['DiskId.1', id]];
export const onInstance = (id: string): WireParams => [R, ['InstanceId', id]];
export const disks = (prefix: string, count: number): WireParams => [
  R,
  ...Array.from({ length: count }, (_, i): [string, string] => [`DiskId.${i + 1}`, `${prefix}${i + 1}`]),
];
export const tags = (count: number): WireParams =>
  Array.from({ length: count }, (_, i): [string, string] => [`Tag.${i + 1}.Key`, `k${i + 1}`]);
export const chars = (n: number, c = 'a'): string => c.repeat(n);
export const isoOffset = (minutes: number): string =>
  new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const row = (
  rule: string,
  label: string,
  params: WireParams,
  expect: RuleRow['expect'],
  extra: Partial<RuleRow> = {},
) => ({ rule, label, params, expect, ...extra }) satisfies RuleRow;

export const NAME: [string, number] = ['InvalidParameter.Name', 400];
export const DESCRIPTION: [string, number] = ['InvalidParameter.Description', 400];
export const TAG_KEY: [string, number] = ['InvalidTagKey.Malformed', 400];
export const TAG_VALUE: [string, number] = ['InvalidTagValue.Malformed', 400];
export const RETENTION: [string, number] = ['InvalidRetentionDays.Malformed', 400];
export const INVALID: [string, number] = ['InvalidParameter', 400];
export const INCOMPLETE: [string, number] = ['IncompleteSignature', 400];
