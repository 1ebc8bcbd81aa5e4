import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An empty home folder, made once per process: no credentials profile of the machine's user in it. */
let emptyHome: string | undefined;

/**
 * The environment for a CLI started by a test or a bench: the parent's, minus vitest's own variables
 * (the CLI starts a vitest of its own), cloud keys and the GitHub step summary, with HOME an empty
 * folder, so that the Alibaba Cloud credentials chain (~/.aliyun, ~/.alibabacloud) finds nothing of
 * whoever runs the tests. `extra` is applied last.
 */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  emptyHome ??= mkdtempSync(join(tmpdir(), 'ecs-empty-home-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(VITEST|ALIBABA_CLOUD_|GITHUB_STEP_SUMMARY$|NODE_ENV$|TEST$)/.test(name))
      continue;
    env[name] = value;
  }
  return { ...env, HOME: emptyHome, NO_COLOR: '1', ...extra };
}
