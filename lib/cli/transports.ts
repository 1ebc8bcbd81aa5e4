import { ALL_TRANSPORTS } from '../../generators/transports.js';
import type { TransportVariant } from '../cases.js';
import type { RunSettings } from './run-settings.js';

/**
 * Every variant the real service accepts (DESIGN.md: a run spreads its cases over all of them), narrowed
 * by `--signature`, `--method` and `--format`; the generators' order is kept (cases are spread over it).
 */
export function transportsFor(
  settings: Pick<RunSettings, 'signature' | 'method' | 'format'>,
): TransportVariant[] {
  return ALL_TRANSPORTS.filter(
    (t) =>
      (settings.signature === undefined || t.signature === settings.signature) &&
      (settings.method === undefined || t.method === settings.method) &&
      (settings.format === undefined || t.format === settings.format),
  );
}
