import type { RunReport } from '../runner/result.js';

/**
 * What a target is called when the user gave no label (compare matrix, Allure report name): the embedded
 * emulator's port is random, so it is "embedded emulator"; any other target is its host (with a port
 * only when the URL names one).
 */
export function defaultTargetLabel(target: RunReport['target']): string {
  if (target.embedded) return 'embedded emulator';
  try {
    return new URL(target.url).host || target.url;
  } catch {
    return target.url;
  }
}
