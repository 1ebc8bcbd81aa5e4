import { Command, Option } from 'commander';
import { IDEMPOTENT_PROCESSING_MS } from './emulator-timing.js';
import type { Io } from './io.js';

/** What each command does; kept apart from the option definitions so that both stay short. */
export interface Handlers {
  run(flags: Record<string, unknown>): Promise<number>;
  emulator(flags: Record<string, unknown>): Promise<number>;
  replay(args: string[]): Promise<number>;
  diff(oldFile: string, newFile: string): Promise<number>;
  compare(files: string[], flags: Record<string, unknown>): Promise<number>;
  merge(dir: string | undefined, flags: Record<string, unknown>): Promise<number>;
  report(flags: Record<string, unknown>): Promise<number>;
  narrow(dir: string, flags: Record<string, unknown>): Promise<number>;
}

const RUN_EXAMPLES = `
Examples:
  # the whole suite against the embedded emulator (what \`npm start\` does)
  $ ecs-conformance run

  # a real endpoint, with the world that names your disposable resources (keys: these variables,
  # else the aliyun CLI profile or ~/.alibabacloud/credentials, else the world's)
  $ export ALIBABA_CLOUD_ACCESS_KEY_ID=... ALIBABA_CLOUD_ACCESS_KEY_SECRET=...
  $ ecs-conformance run --target https://ecs.cn-hangzhou.aliyuncs.com --world my.world.yaml --max-creates 20

  # reproduce a run, only the name rules, signed with ACS3 over GET
  $ ecs-conformance run --seed 42 --only 'name.*' --signature v3 --method GET

  # gate CI on new failures only; see what would be sent without sending it
  $ ecs-conformance run --target http://localhost:8080 --baseline accepted.yaml
  $ ecs-conformance run --target http://localhost:8080 --dry-run

  # shard 2 of 3 (writes blob results; see \`merge\`)
  $ ecs-conformance run --shard 2/3

Settings may also come from ecs-conformance.config.yaml (or .json) in the current folder, or --config
FILE; options on the command line win. Exit codes: 0 conformant, 1 non-conformant, 2 bad usage or
configuration (nothing sent), 3 target unreachable or run not finished.`;

export function buildProgram(
  io: Io,
  handlers: Handlers,
  version: string,
): { program: Command; exitCode: () => number } {
  let exitCode = 0;
  const program = new Command('ecs-conformance')
    .description('Conformance suite for the Alibaba Cloud ECS operation CreateSnapshotGroup')
    .version(version)
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  program
    .command('run')
    .description('run the conformance suites against a target (default: the embedded emulator)')
    .option('--target <url>', 'endpoint to test; without it the embedded emulator is started')
    .option('--world <file>', 'world manifest (default: fixtures/default.world.yaml)')
    .option('--profile <name>', 'expectation profile (spec/profiles)')
    .option(
      '--openapi <file>',
      'an OpenAPI description of CreateSnapshotGroup whose request limits drive the cases (default: the shipped one)',
    )
    .option('--seed <n>', 'seed of the generated cases (default 1, printed so that runs can be repeated)')
    .option('--runs <n>', 'generated cases per rule (default 3)')
    .option('--only <rules>', "comma-separated rule ids, families or 'prefix.*' patterns")
    .option('--report-dir <dir>', 'where reports are written (default reports/)')
    .option('--baseline <file>', 'exit 1 only on failures not accepted by this file')
    .option('--shard <i/n>', 'run shard i of n and write blob results for `merge`')
    .addOption(new Option('--signature <v>', 'only this signature').choices(['v2', 'v3']))
    .addOption(new Option('--method <m>', 'only this HTTP method').choices(['POST', 'GET']))
    .addOption(new Option('--format <f>', 'only this response format').choices(['JSON', 'XML']))
    .option('--concurrency <n>', 'requests in flight at once (default 8 for --target, 32 embedded)')
    .option('--rate <n>', 'requests per second at most; 0: no cap (default: 20 for --target, none embedded)')
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default 10000)')
    .option('--max-creates <n>', 'budget of groups a run may create (default: 150 for --target)')
    .option(
      '--max-transport-failures <n>',
      'consecutive transport failures or still-throttled requests that stop the run (default 5)',
    )
    .option(
      '--reference <url|cassette:dir|embedded>',
      'differential run: send every case to this reference too (or judge against a recorded cassette); every disagreement is a finding',
    )
    .option('--record <dir>', "write a cassette of the target's answers (redacted) into this directory")
    .option('--dry-run', 'print what would be sent, without sending anything')
    .addOption(
      new Option(
        '--credentials <source>',
        "whose keys sign: auto (yours only for https://*.aliyuncs.com, else the world's), env, chain or world",
      ).choices(['auto', 'env', 'chain', 'world']),
    )
    .option('--config <file>', 'configuration file (default: ecs-conformance.config.yaml or .json here)')
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (flags: Record<string, unknown>) => {
      exitCode = await handlers.run(flags);
    });

  program
    .command('emulator')
    .description('serve the reference emulator until stopped (Ctrl-C)')
    .option('--port <n>', 'port to listen on (default 8080; 0 picks a free one)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--world <file>', 'world manifest (default: fixtures/default.world.yaml)')
    .option('--profile <name>', 'expectation profile whose limits the emulator enforces')
    .option('--snapshot-duration <ms>', 'how long a snapshot group stays in progress')
    .option(
      '--idempotent-processing-ms <ms>',
      `how long a create with a ClientToken stays processing, so that a duplicate sent meanwhile gets IdempotentProcessing (default ${IDEMPOTENT_PROCESSING_MS}, as embedded; 0: never)`,
    )
    .addHelpText(
      'after',
      `
Examples:
  $ ecs-conformance emulator --port 8080
  $ ecs-conformance emulator --world my.world.yaml --snapshot-duration 2000
  # then, in another terminal:
  $ ecs-conformance run --target http://127.0.0.1:8080`,
    )
    .action(async (flags: Record<string, unknown>) => {
      exitCode = await handlers.emulator(flags);
    });

  program
    .command('replay')
    .description('re-sign and send one request, as printed in a finding')
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .addHelpText(
      'after',
      `
Examples (copy the command from a finding's "reproduce" field):
  $ ecs-conformance replay --target http://127.0.0.1:8080 --action CreateSnapshotGroup --account main \\
      --signature v2 --method POST --body form --format JSON --param RegionId=cn-hangzhou --param DiskId.1=d-1

A group the replayed request creates is deleted again; --keep keeps it and prints its delete command.`,
    )
    .action(async (args: string[]) => {
      exitCode = await handlers.replay(args);
    });

  program
    .command('diff')
    .description('regressions, fixes and coverage changes between two conformance.json files')
    .argument('<old>', 'the earlier conformance.json')
    .argument('<new>', 'the later conformance.json')
    .addHelpText(
      'after',
      '\nExample:\n  $ ecs-conformance diff main/conformance.json reports/conformance.json',
    )
    .action(async (oldFile: string, newFile: string) => {
      exitCode = await handlers.diff(oldFile, newFile);
    });

  program
    .command('compare')
    .description('compatibility matrix of several targets (Markdown and HTML)')
    .argument('<reports...>', 'conformance.json files, one per target')
    .option('--out <dir>', 'where compare.md and compare.html go (default reports/)')
    .option(
      '--label <name>',
      'name of a target, once per report in order (default: "embedded emulator" or the target\'s host)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ ecs-conformance compare aliyun/conformance.json vendor-x/conformance.json --label aliyun --label vendor-x --out matrix/',
    )
    .action(async (files: string[], flags: Record<string, unknown>) => {
      exitCode = await handlers.compare(files, flags);
    });

  program
    .command('narrow')
    .description("an expectation profile narrowed to the answers a cassette's reference gave")
    .argument('<cassette>', 'a cassette directory (run --record DIR)')
    .requiredOption('--out <file>', 'the profile file to write (YAML)')
    .option('--name <name>', "the profile's name (default <the cassette's profile>-narrowed)")
    .addHelpText(
      'after',
      `
Rules whose expectation accepts several answers (a documented 4xx, one of several codes) are narrowed to
the answer the recorded reference gave, with the cassette named as the source of each.

Example:
  $ ecs-conformance run --target https://ecs.cn-hangzhou.aliyuncs.com --world my.world.yaml --record parity/
  $ ecs-conformance narrow parity/ --out parity.profile.yaml
  $ ecs-conformance run --target http://127.0.0.1:8080 --world my.world.yaml --profile parity.profile.yaml`,
    )
    .action(async (dir: string, flags: Record<string, unknown>) => {
      exitCode = await handlers.narrow(dir, flags);
    });

  program
    .command('merge')
    .description('merge the blob results of sharded runs into one set of reports')
    .argument('[dir]', 'folder holding the blob files (default reports/blob-reports)')
    .option('--report-dir <dir>', 'where reports are written (default reports/)')
    .option('--baseline <file>', 'exit 1 only on failures not accepted by this file')
    .addHelpText(
      'after',
      `
Example:
  $ ecs-conformance run --shard 1/3 & ecs-conformance run --shard 2/3 & ecs-conformance run --shard 3/3; wait
  $ ecs-conformance merge reports/blob-reports`,
    )
    .action(async (dir: string | undefined, flags: Record<string, unknown>) => {
      exitCode = await handlers.merge(dir, flags);
    });

  program
    .command('report')
    .description("the Allure report of a run's results, as one HTML file that opens from disk")
    .option('--report-dir <dir>', "the run's report folder (default reports/)")
    .option(
      '--label <name>',
      'what the target is called in the report\'s name (default: "embedded emulator" or its host)',
    )
    .option('--out <file>', 'the HTML file to write (default <report-dir>/allure-report/<run>.html)')
    .addHelpText(
      'after',
      `
Each report adds its run to <report-dir>/allure-history.jsonl (Allure's history), so trends show across runs.

Example:
  $ ecs-conformance run && ecs-conformance report
  $ ecs-conformance run --target http://127.0.0.1:8080 --report-dir vendor-x && ecs-conformance report --report-dir vendor-x --label vendor-x`,
    )
    .action(async (flags: Record<string, unknown>) => {
      exitCode = await handlers.report(flags);
    });

  for (const command of program.commands) command.exitOverride();
  return { program, exitCode: () => exitCode };
}
