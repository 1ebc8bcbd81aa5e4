import fc from 'fast-check';
import type { Tamper } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { type NotReachable, notReachable, type Planner, type RulePlan } from '../rules/plan.js';
import { seededHex } from '../seed.js';
import type { TransportWish } from '../transports.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, type ValidRequest, validRequestArbitrary } from '../valid/request.js';
import { shapeToDraft } from './shape.js';

interface Damage {
  tamper: Tamper;
  what: string;
  wish?: TransportWish;
}

const d = (tamper: Tamper, what: string, wish?: TransportWish): Damage => ({
  tamper,
  what,
  ...(wish ? { wish } : {}),
});

/** Signature-level damage per rule, as the catalogue's preconditions list it. */
const DAMAGES: Record<string, Damage[]> = {
  'protocol.signature-valid': [
    d({ kind: 'signature-char' }, 'one signature character changed'),
    d({ kind: 'wrong-secret' }, 'signed with a wrong secret'),
    d(
      { kind: 'add-after-signing', name: 'Description', value: 'added after signing' },
      'Description added after signing',
    ),
  ],
  'protocol.access-key-known': [d({ kind: 'unknown-access-key' }, 'signed with an unknown AccessKeyId')],
  'protocol.timestamp-fresh': [
    d({ kind: 'timestamp', value: '2016-02-23T12:46:24Z' }, 'Timestamp years in the past'),
    d({ kind: 'timestamp', value: '2099-01-01T00:00:00Z' }, 'Timestamp decades in the future'),
  ],
  'protocol.timestamp-format': [
    // Fixed values no lenient parser reads as a date (one it read would be stale: another rule).
    d({ kind: 'timestamp', value: 'not-a-timestamp' }, 'Timestamp not a date'),
    d({ kind: 'timestamp', value: '2016-13-45T25:61:61Z' }, 'Timestamp with impossible fields'),
    // Near misses of yyyy-MM-ddTHH:mm:ssZ, of the current time (rendered when sent): only the format is
    // wrong, so a target that reads any date a lenient parser reads accepts them.
    d({ kind: 'timestamp-format', format: 'millis' }, 'Timestamp with milliseconds (...:ss.sssZ)'),
    d({ kind: 'timestamp-format', format: 'space' }, "Timestamp with a space instead of 'T'"),
    d({ kind: 'timestamp-format', format: 'offset' }, "Timestamp with '+00:00' instead of 'Z'"),
    d({ kind: 'timestamp-format', format: 'lower-z' }, "Timestamp with a lower-case 'z'"),
    d({ kind: 'timestamp-format', format: 'no-zone' }, "Timestamp without the 'Z'"),
  ],
  'protocol.signature-present': (['Signature', 'AccessKeyId', 'SignatureNonce', 'Timestamp'] as const).map(
    (name) => d({ kind: 'omit', name }, `${name} left out`),
  ),
  'protocol.signature-method': [
    d({ kind: 'signature-method', value: 'HMAC-MD5' }, 'SignatureMethod=HMAC-MD5', { signature: 'v2' }),
    d({ kind: 'signature-method', value: 'ACS3-HMAC-MD5' }, 'ACS3-HMAC-MD5 in the Authorization header', {
      signature: 'v3',
    }),
  ],
  'protocol.action-present': [d({ kind: 'omit', name: 'Action' }, 'Action left out')],
  'protocol.action-known': [
    d({ kind: 'action', value: 'CreateSnapshotGroupX' }, 'Action=CreateSnapshotGroupX'),
    d({ kind: 'action', value: 'CreateSnapshotGroups' }, 'Action=CreateSnapshotGroups'),
  ],
  'protocol.version-valid': [
    d({ kind: 'omit', name: 'Version' }, 'Version left out'),
    d({ kind: 'version', value: '2099-01-01' }, 'Version=2099-01-01'),
  ],
  'protocol.http-method': [
    d({ kind: 'method', method: 'PUT' }, 'sent with PUT'),
    d({ kind: 'method', method: 'DELETE' }, 'sent with DELETE'),
  ],
};

function damaged(ctx: GenContext, rule: string, base: ValidRequest, damage: Damage): Draft {
  const draft = shapeToDraft(ctx, {
    rule,
    kind: 'protocol',
    target: base.target,
    attributes: base.attributes,
    edits: [],
    tamper: damage.tamper,
    touched: ['protocol'],
    description: `${damage.what}; ${describeValid(base)}`,
  });
  if (damage.wish !== undefined) draft.wish = damage.wish;
  return draft;
}

/** The nonce-reuse fault: a DescribeSnapshotGroups with nonce X is accepted, then the case reuses X. */
function nonceReuse(ctx: GenContext, rule: string, base: ValidRequest, nonce: string): Draft {
  const draft = damaged(
    ctx,
    rule,
    base,
    d({ kind: 'nonce', value: nonce }, `SignatureNonce ${nonce} already used`),
  );
  draft.prelude = [
    {
      action: 'DescribeSnapshotGroups',
      input: { RegionId: base.target.region },
      edits: [],
      account: base.target.account,
      tamper: { kind: 'nonce', value: nonce },
    },
  ];
  return draft;
}

const NO_BASE = (ctx: GenContext): NotReachable =>
  notReachable(`account '${ctx.signer.id}' has no usable disk`);

export const protocolPlanner: Planner = (ctx, rule): RulePlan | NotReachable => {
  const bases = validRequestArbitrary(ctx, { bare: true, maxPick: 2 });
  if (bases === undefined) return NO_BASE(ctx);
  if (rule === 'protocol.nonce-unique') {
    const fixed = [0, 1].flatMap((k) => {
      const base = fixedBase(ctx, rule, k);
      // Derived from the seed: the same seed replays the same nonces (see the runner's salting).
      return base === undefined
        ? []
        : [nonceReuse(ctx, rule, base, seededHex(ctx.options.seed, 32, rule, String(k)))];
    });
    const random = fc
      .tuple(bases, fc.stringMatching(/^[0-9a-f]{32}$/))
      .map(([base, nonce]) => nonceReuse(ctx, rule, base, nonce));
    return { fixed, random };
  }
  const damages = DAMAGES[rule];
  if (damages === undefined) return notReachable(`no protocol damage is defined for ${rule}`);
  const fixed = damages.flatMap((damage, k) => {
    const base = fixedBase(ctx, rule, k);
    return base === undefined ? [] : [damaged(ctx, rule, base, damage)];
  });
  const random = fc
    .tuple(bases, fc.constantFrom(...damages))
    .map(([base, damage]) => damaged(ctx, rule, base, damage));
  return { fixed, random };
};
