import type { Case, CaseRequest, TransportVariant } from '../../lib/cases.js';
import type { GenerateCases, RunOptions } from '../../lib/runner/index.js';
import type { Catalogue, Expected, Family, Profile, Rule } from '../../lib/spec/catalogue.js';
import { loadProfile } from '../../lib/spec/load.js';
import type { World } from '../../lib/spec/world.js';

export const VARIANT: TransportVariant = { signature: 'v3', method: 'POST', body: 'query', format: 'JSON' };

export const WORLD: World = {
  name: 'runner-test',
  accounts: [
    {
      id: 'main',
      accessKeyId: 'LTAIrunnertest',
      accessKeySecret: 'runner-test-secret-value',
      ownerId: 1,
      balanceSufficient: true,
      snapshotServiceEnabled: true,
      whitelisted: true,
      authorized: true,
      quotas: { snapshots: 1000, tagsPerResource: 20, unfinishedSnapshotsPerDisk: 5 },
      resourceGroups: [],
    },
  ],
  regions: [
    {
      id: 'cn-hangzhou',
      snapshotGroupSupported: true,
      instantAccessSupported: true,
      zones: ['cn-hangzhou-a'],
    },
  ],
  instances: [],
  disks: [],
};

const NAME_EXPECTED: Expected = {
  kind: 'one-of',
  alternatives: [
    { code: 'InvalidParameter.Name', status: 400 },
    { code: 'InvalidSnapshotName.Malformed', status: 400 },
  ],
};

function rule(id: string, family: Family, expected: Expected): Rule {
  return {
    id,
    family,
    title: id,
    source: { document: 'api-doc', quote: `quote of ${id}` },
    level: 'must',
    precondition: { description: 'none' },
    expected,
  };
}

const success: Expected = { kind: 'success' };
export const CATALOGUE: Catalogue = {
  operation: 'CreateSnapshotGroup',
  apiVersion: '2014-05-26',
  rules: [
    rule('name.max-length', 'request-shape', NAME_EXPECTED),
    rule('disk.exists', 'request-shape', { kind: 'error', code: 'InvalidDiskId.NotFound', status: 404 }),
    rule('instance.exists', 'request-shape', {
      kind: 'error',
      code: 'InvalidInstanceId.NotFound',
      status: 404,
    }),
    rule('state.disk-form-snapshots', 'state', success),
    rule('state.attributes-stored', 'state', success),
    rule('state.deleted-after-cleanup', 'state', success),
    rule('valid.success-body', 'valid', success),
    rule('valid.error-body', 'valid', { kind: 'documented-4xx' }),
    rule('valid.request-id-unique', 'valid', success),
    rule('valid.boundaries-accepted', 'valid', success),
  ],
  errorRows: [],
  ambiguities: [],
};

export const PROFILE: Profile = {
  name: 'test',
  description: 'runner tests',
  limits: { maxDisks: 16, maxDiskIndex: 16, maxTotalSizeGiB: 32768, maxTags: 20 },
  request: loadProfile().request,
};

export function createRequest(params: Array<[string, string]>): CaseRequest {
  return {
    action: 'CreateSnapshotGroup',
    params: [['RegionId', 'cn-hangzhou'], ...params],
    transport: VARIANT,
    account: 'main',
  };
}

let serial = 0;
/** A valid create on these disks, expecting a group that holds exactly them. */
export function validCase(disks: string[], rule = 'valid.boundaries-accepted'): Case {
  serial += 1;
  return {
    id: `${rule}/valid/${serial}`,
    rule,
    kind: 'valid',
    request: createRequest(disks.map((disk, i) => [`DiskId.${i + 1}`, disk])),
    expected: success,
    disks,
    expectGroup: { regionId: 'cn-hangzhou', disks, tags: [], instantAccess: false },
    description: `a valid create on ${disks.join(', ')}`,
  };
}

/** A create with a 129-character Name: must be refused. */
export function longNameCase(disk = 'd-1'): Case {
  serial += 1;
  return {
    id: `name.max-length/boundary/${serial}`,
    rule: 'name.max-length',
    kind: 'boundary',
    request: createRequest([
      ['DiskId.1', disk],
      ['Name', `a${'b'.repeat(128)}`],
    ]),
    expected: NAME_EXPECTED,
    disks: [disk],
    description: 'Name of 129 characters',
  };
}

export const fixedCases =
  (cases: Case[], notCovered: Array<{ rule: string; reason: string }> = []): GenerateCases =>
  () => ({ cases, notCovered });

export function options(target: string, cases: Case[], extra: Partial<RunOptions> = {}): RunOptions {
  return {
    target,
    world: WORLD,
    catalogue: CATALOGUE,
    profile: PROFILE,
    seed: 1,
    runs: 0,
    transports: [VARIANT],
    generate: fixedCases(cases),
    snapshotWait: { timeoutMs: 1_000, intervalMs: 10 },
    timeoutMs: 5_000,
    ...extra,
  };
}
