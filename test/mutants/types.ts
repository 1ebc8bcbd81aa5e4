import type { EmulatorOptions, EmulatorSeams } from '../../emulator/index.js';

/**
 * The areas a deviation falls in: the rules catalogue's families, plus how lists are read off the wire,
 * statuses of the right codes, bodies and ids, and 500s on valid edge cases (checked on every case).
 */
export type MutantFamily =
  | 'request-shape'
  | 'wire-lists'
  | 'disk-state'
  | 'instance-account'
  | 'protocol'
  | 'idempotency'
  | 'response'
  | 'status'
  | 'server-error'
  | 'state'
  | 'near-miss'
  | 'one-transport'
  | 'side-effects'
  | 'describe'
  | 'delete';

export const MUTANT_FAMILIES: readonly MutantFamily[] = [
  'request-shape',
  'wire-lists',
  'disk-state',
  'instance-account',
  'protocol',
  'idempotency',
  'status',
  'response',
  'server-error',
  'state',
  'near-miss',
  'one-transport',
  'side-effects',
  'describe',
  'delete',
];

/**
 * One deliberate deviation from the page that a real emulator or a compatible vendor might make, built
 * only by overriding the reference emulator's seams and options from test code (the product carries no
 * mutant switches). A conformant suite must fail at least one rule against it.
 */
export interface Mutant {
  /** Stable, kebab-case, prefixed by the rule or seam it breaks: `name.max-length.129-accepted`. */
  id: string;
  family: MutantFamily;
  /** What the broken target does, in words a vendor's engineer would recognise. */
  description: string;
  seams?: Partial<EmulatorSeams>;
  /** World and seams come from the harness; anything else here overrides its defaults. */
  options?: Partial<Omit<EmulatorOptions, 'world' | 'seams'>>;
}
