import { emulatorCommand } from './emulator-command.js';
import type { Io } from './io.js';
import { mergeCommand } from './merge-command.js';
import { narrowCommand } from './narrow-command.js';
import type { Handlers } from './program.js';
import { replayCommand } from './replay-command.js';
import { reportCommand } from './report-command.js';
import { compareCommand, diffCommand } from './report-commands.js';
import { runCommand } from './run-command.js';

export const createHandlers = (io: Io): Handlers => ({
  run: (flags) => runCommand(flags, io),
  emulator: (flags) => emulatorCommand(flags, io),
  replay: (args) => replayCommand(args, io),
  diff: async (oldFile, newFile) => diffCommand(oldFile, newFile, io),
  compare: async (files, flags) => compareCommand(files, flags, io),
  merge: (dir, flags) => mergeCommand(dir, flags, io),
  report: (flags) => reportCommand(flags, io),
  narrow: async (dir, flags) => narrowCommand(dir, flags, io),
});
