import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { ALL_TRANSPORTS } from '../generators/transports.js';
import { credentialsForAccount } from '../lib/client/index.js';
import { runConformance, type RunOptions } from '../lib/runner/index.js';
import { loadSpec } from '../lib/spec/load.js';
import { selectMutants } from './mutants/catalogue.js';

const spec = loadSpec();
it('debug', async () => {
  const keys = (a: string) => credentialsForAccount(spec.world, a, {});
  const ref = await startEmulator({ world: spec.world, limits: spec.profile.limits, host: '127.0.0.1', port: 0, idempotentProcessingMs: 150 });
  const [m] = selectMutants([process.env.MUTANT ?? 'name.starts-with-letter.ignored']);
  const mut = await startEmulator({ world: spec.world, limits: spec.profile.limits, host: '127.0.0.1', port: 0, idempotentProcessingMs: 150, ...m?.options, ...(m?.seams && { seams: m.seams }) });
  const only = (process.env.ONLY ?? 'protocol.nonce-unique').split(',');
  const dir = mkdtempSync(join(tmpdir(), 'dbg-'));
  const run = (target: string, extra: Partial<RunOptions>) => runConformance({ target, world: spec.world, catalogue: spec.catalogue, profile: spec.profile, seed: 20240319, runs: 1, transports: [...ALL_TRANSPORTS], credentials: keys, only, ...extra });
  await run(ref.url, { record: { dir, toolVersion: 't' } });
  for (const extra of [{ reference: { target: ref.url, credentials: keys } }, { reference: { cassette: dir } }]) {
    const out = await run(mut.url, extra as Partial<RunOptions>);
    console.log(JSON.stringify(out.differential));
    for (const r of out.rules) for (const f of r.findings) console.log(r.id, f.check, f.caseId, f.message, '\n  E:', f.expected.slice(0, 400), '\n  A:', f.actual.slice(0, 400));
  }
  await ref.close(); await mut.close();
}, 120000);
