import fc from 'fast-check';
import { repeatTo } from '../values/text.js';
import type { ParamFaultFactory } from './param.js';
import type { FaultValue } from './shape.js';

/** InstantAccess=true so that the days take effect (catalogue: retention-without-instant-access). */
const days = (value: number, kind?: FaultValue['kind']): FaultValue => ({
  attributes: { InstantAccess: true, InstantAccessRetentionDays: value },
  description: `InstantAccess=true with InstantAccessRetentionDays=${value}`,
  ...(kind === undefined ? {} : { kind }),
});
/** A value the typed input cannot hold: set on the wire. */
const rawDays = (value: string): FaultValue => ({
  attributes: { InstantAccess: true, InstantAccessRetentionDays: undefined },
  edits: [{ op: 'set', name: 'InstantAccessRetentionDays', value }],
  description: `InstantAccess=true with InstantAccessRetentionDays=${value}`,
  kind: 'wire',
});
const rawInstantAccess = (value: string): FaultValue => ({
  attributes: { InstantAccess: undefined, InstantAccessRetentionDays: undefined },
  edits: [{ op: 'set', name: 'InstantAccess', value }],
  description: `InstantAccess=${value}`,
  kind: 'wire',
});
const token = (value: string, description: string, kind?: FaultValue['kind']): FaultValue => ({
  attributes: { ClientToken: value },
  description,
  ...(kind === undefined ? {} : { kind }),
});

/** Not booleans in any parser's reading (Go's ParseBool takes 1/t/T; those are avoided). */
const NOT_BOOLEANS = ['yes', 'no', 'maybe', 'enabled', 'none', 'tru', 'falsy'];
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-';

export const SCALAR_FAULTS: Record<string, ParamFaultFactory> = {
  'retention-days.range': (ctx) => {
    const { minimum, maximum } = ctx.profile.request.retentionDays;
    return {
      rule: 'retention-days.range',
      touched: ['InstantAccess', 'InstantAccessRetentionDays'],
      instantAccessRegion: true,
      fixed: [days(minimum - 1, 'boundary'), days(maximum + 1, 'boundary'), days(-1)],
      random: fc
        .oneof(
          fc.integer({ min: minimum - 100_000, max: minimum - 1 }),
          fc.integer({ min: maximum + 1, max: 2_000_000_000 }),
        )
        .map((d) => days(d)),
    };
  },
  'retention-days.integer': (ctx) => ({
    rule: 'retention-days.integer',
    touched: ['InstantAccess', 'InstantAccessRetentionDays'],
    instantAccessRegion: true,
    kind: 'wire',
    fixed: [rawDays('1.5'), rawDays('abc')],
    random: fc
      .oneof(
        fc
          .integer({
            min: ctx.profile.request.retentionDays.minimum,
            max: ctx.profile.request.retentionDays.maximum - 1,
          })
          .map((n) => `${n}.5`),
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 999 }).map((n) => `${n}days`),
      )
      .map(rawDays),
  }),
  'instant-access.boolean': () => ({
    rule: 'instant-access.boolean',
    touched: ['InstantAccess', 'InstantAccessRetentionDays'],
    // Should a target read the value as true, the region still accepts it: only the value is wrong.
    instantAccessRegion: true,
    kind: 'wire',
    fixed: [rawInstantAccess('yes')],
    random: fc.constantFrom(...NOT_BOOLEANS).map(rawInstantAccess),
  }),
  'client-token.format': (ctx) => {
    const over = ctx.profile.request.clientToken.maxLength + 1;
    return {
      rule: 'client-token.format',
      touched: ['ClientToken'],
      fixed: [
        token(repeatTo(over, TOKEN_ALPHABET), `ClientToken of ${over} ASCII characters`, 'boundary'),
        token('tøken-ünïcode', 'ClientToken with non-ASCII characters'),
      ],
      random: fc.oneof(
        fc
          .string({ unit: fc.constantFrom(...TOKEN_ALPHABET), minLength: over, maxLength: 3 * over })
          .map((t) => token(t, `ClientToken of ${t.length} characters`)),
        fc
          .tuple(fc.uuid(), fc.constantFrom('é', 'ü', '中', '☃', 'ß'))
          .map(([t, c]) => token(`${t.slice(0, 20)}${c}`, `ClientToken with '${c}'`)),
      ),
    };
  },
  'resource-group.exists': (ctx) => {
    const known = new Set(ctx.world.accounts.flatMap((a) => a.resourceGroups));
    const group = (id: string): FaultValue => ({
      attributes: { ResourceGroupId: id },
      description: `ResourceGroupId ${id}, not among the account's`,
    });
    return {
      rule: 'resource-group.exists',
      touched: ['ResourceGroupId'],
      fixed: [group('rg-conformance0notfound')],
      random: fc
        .string({
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
          minLength: 12,
          maxLength: 20,
        })
        .map((s) => `rg-${s}`)
        .filter((id) => !known.has(id))
        .map(group),
    };
  },
};
