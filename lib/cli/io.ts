/** Where a command reads and writes; injectable so that tests can call `main()` in-process. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Process signals the command may trap (SIGINT, SIGTERM); tests pass an EventEmitter. */
  signals: Pick<NodeJS.Process, 'on' | 'off'>;
}

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signals: process,
});

export const println = (out: Output, text = ''): void => {
  out.write(`${text}\n`);
};
