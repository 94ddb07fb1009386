#!/usr/bin/env node
// The kiln command line: main() builds the yargs parser from the commands' definitions in
// src/cli/*-command-lines.ts and runs it; run as a script, it is the `kiln` executable.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandGuard, CommandLine } from './cli/command-options.js';
import { reportError } from './cli/errors.js';
import { fileSystemError } from './core/file-system-errors.js';
import { processIo, type CliIo } from './cli/io.js';
import { checkRepeatedFlags } from './cli/repeated-flags.js';
import {
  exportCommandLine,
  mergeCommandLine,
  predictCommandLine,
  quantizeCommandLine,
  trainCommandLine,
} from './cli/model-command-lines.js';
import {
  batchCommandLine,
  runCommandLine,
  tuneCommandLine,
  workerCommandLine,
} from './cli/optimization-command-lines.js';
import {
  importanceCommandLine,
  listCommandLine,
  reportCommandLine,
} from './cli/report-command-lines.js';
import { isCommand, unknownCommandError, usageError } from './cli/usage.js';

// In the order `kiln --help` lists them.
const COMMAND_LINES: CommandLine[] = [
  runCommandLine,
  tuneCommandLine,
  batchCommandLine,
  workerCommandLine,
  reportCommandLine,
  importanceCommandLine,
  trainCommandLine,
  predictCommandLine,
  quantizeCommandLine,
  exportCommandLine,
  mergeCommandLine,
  listCommandLine,
];

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // A first word that is no command (and no option such as --help) is refused before yargs,
  // which would call it an unknown argument.
  const first = argv[0];
  if (first === undefined || (!first.startsWith('-') && !isCommand(first))) {
    return reportError(unknownCommandError(first), io.stderr);
  }
  let exitCode = 0;
  const capture = (code: number): void => {
    exitCode = code;
  };
  const guard: CommandGuard =
    <A>(handler: (args: A) => Promise<number> | number) =>
    async (args: A): Promise<void> => {
      // yargs still calls the handler after refusing an argument (a value outside its choices).
      if (exitCode !== 0) return;
      try {
        capture(await handler(args));
      } catch (error) {
        capture(reportError(error, io.stderr));
      }
    };
  const parser = COMMAND_LINES.reduce(
    (commands, commandLine) => commandLine(commands, guard, io),
    yargs(argv.slice()).scriptName('kiln').usage('$0 <command> [options]'),
  )
    .demandCommand(1)
    .strict()
    // After the parser's own checks, before any handler: a flag given twice is refused as an
    // option with a value given twice is (the parser would keep the last one silently). Only
    // boolean options parse to booleans.
    .middleware((args) => {
      const flags = Object.keys(args).filter((name) => typeof args[name] === 'boolean');
      checkRepeatedFlags(argv, flags);
    }, false)
    .help()
    .version()
    .wrap(Math.min(100, io.stdout.columns ?? 100))
    .exitProcess(false)
    // Throwing here stops yargs before any handler runs: nothing starts on a bad command line.
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      throw usageError(argv, message);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    return reportError(error, io.stderr);
  }
  return exitCode;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // Output piped into a reader that stops early (`kiln predict ... | head`) ends the command
  // quietly, as other command-line tools do; output that cannot be written (`> /dev/full`, a full
  // disk) ends it with a message and exit code 2.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.exit(reportError(fileSystemError(error, 'standard output', 'write it')));
  });
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error);
    },
  );
}
