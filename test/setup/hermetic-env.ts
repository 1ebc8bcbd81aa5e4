import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// No test may sign with, or even find, the cloud keys of whoever runs it: no ALIBABA_CLOUD_* variable,
// and a home folder without the aliyun CLI profile or the shared credentials file, so that the
// credentials chain the CLI consults for a --target finds nothing unless a test puts it there.
for (const name of Object.keys(process.env)) if (name.startsWith('ALIBABA_CLOUD_')) delete process.env[name];
const home = join(tmpdir(), 'ecs-conformance-test-home');
mkdirSync(home, { recursive: true });
process.env.HOME = home;
