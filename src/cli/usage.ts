// The commands' one-line usages, and the translation of the argument parser's complaints
// (unknown options, missing arguments, unknown commands) into one clear usage error.
import { KilnError } from '../core/errors.js';
import { closestName } from '../core/suggest.js';

/** A command as `kiln` with no command, and usage errors, list it. */
export interface CommandUsage {
  name: string;
  /** The synopsis after `kiln `. */
  synopsis: string;
  summary: string;
  /** Long option names (without --) the command accepts. */
  options: readonly string[];
}

const COMMON = ['help', 'version'] as const;

/** Every command, in the order `kiln` lists them. */
export const COMMANDS: readonly CommandUsage[] = [
  {
    name: 'run',
    synopsis: 'run <config> [--seed N] [--workers N] [--output DIR] [--memory-limit-mb N] [--json]',
    summary: 'one solver on one problem',
    options: ['seed', 'workers', 'output', 'memory-limit-mb', 'json', ...COMMON],
  },
  {
    name: 'tune',
    synopsis:
      'tune <config> [--seed N] [--workers N] [--output DIR] [--memory-limit-mb N] [--report] [--queue URL] [--json]',
    summary: 'a hyperparameter study on worker threads, resumable',
    options: ['seed', 'workers', 'output', 'memory-limit-mb', 'report', 'queue', 'json', ...COMMON],
  },
  {
    name: 'batch',
    synopsis:
      'batch <config> [--output DIR] [--workers N] [--retry-failed] [--memory-limit-mb N] [--queue URL] [--json]',
    summary: 'every (problem, solver variant, seed) run of a batch config, resumable',
    options: ['output', 'workers', 'retry-failed', 'memory-limit-mb', 'queue', 'json', ...COMMON],
  },
  {
    name: 'worker',
    synopsis:
      'worker --queue URL [--threads N] [--root DIR] [--lock-seconds S] [--memory-limit-mb M] [--prefetch auto|N] [--json]',
    summary: 'takes trials and batch runs from a Redis queue until stopped',
    options: [
      'queue',
      'threads',
      'root',
      'lock-seconds',
      'memory-limit-mb',
      'prefetch',
      'json',
      ...COMMON,
    ],
  },
  {
    name: 'report',
    synopsis: 'report <folder> [--output report.html] [--json]',
    summary: 'the HTML report of a study or batch output folder',
    options: ['output', 'json', ...COMMON],
  },
  {
    name: 'importance',
    synopsis: 'importance <folder> [--objective NAME] [--json]',
    summary: "the importance of each parameter of a study's folder",
    options: ['objective', 'json', ...COMMON],
  },
  {
    name: 'train',
    synopsis: 'train <config> [--seed N] [--output DIR] [--json]',
    summary: 'trains a dense network as a train config describes',
    options: ['seed', 'output', 'json', ...COMMON],
  },
  {
    name: 'predict',
    synopsis: 'predict <model.json> <data.csv> [--json]',
    summary: 'predictions of a trained model for the rows of a CSV file',
    options: ['json', ...COMMON],
  },
  {
    name: 'quantize',
    synopsis:
      'quantize <model.json> [--calibration NAME|CSV] [--weights int|nf4] [--weights-bits 8|4|3|2] [--scheme per-channel|per-tensor] [--observer minmax|moving-average|percentile] [--convention torch|onnx] [--output FILE] [--json]',
    summary: 'post-training quantization of a trained model',
    options: [
      'calibration',
      'weights',
      'weights-bits',
      'scheme',
      'observer',
      'convention',
      'output',
      'json',
      ...COMMON,
    ],
  },
  {
    name: 'export',
    synopsis: 'export <model.json> [--format onnx] [--form integer|qdq] [--output FILE] [--json]',
    summary: 'a float or quantized model as an ONNX file',
    options: ['format', 'form', 'output', 'json', ...COMMON],
  },
  {
    name: 'merge',
    synopsis: 'merge <base.json> <adapter.json> [--output FILE] [--json]',
    summary: "a fine-tuning run's adapter merged into its base model",
    options: ['output', 'json', ...COMMON],
  },
  {
    name: 'list',
    synopsis: 'list [solvers|problems] [--json]',
    summary: 'the solvers and problems with their parameters and defaults',
    options: ['json', ...COMMON],
  },
];

/** A mistake in the command line itself: printed with the usage, exit code 2. */
export class UsageError extends KilnError {
  constructor(message: string) {
    super('E_USAGE', message);
  }
}

/** The list of commands, as `kiln` with no command prints it. */
export function commandList(): string {
  // Positional arguments only: the options are in each command's usage and --help.
  const short = COMMANDS.map((c) => c.synopsis.replace(/ \[--.*$/, ''));
  const width = Math.max(...short.map((text) => text.length)) + 2;
  const rows = COMMANDS.map((c, i) => `  kiln ${(short[i] as string).padEnd(width)}${c.summary}`);
  return `Commands:\n${rows.join('\n')}\nRun "kiln <command> --help" for a command's options.`;
}

/** The usage error for `kiln` with no command, or with a command that does not exist. */
export function unknownCommandError(given: string | undefined): UsageError {
  if (given === undefined) return new UsageError(`name a command\n${commandList()}`);
  const guess = closestName(
    given,
    COMMANDS.map((c) => c.name),
  );
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return new UsageError(`unknown command "${given}"${hint}\n${commandList()}`);
}

/** True when `name` is one of the commands. */
export function isCommand(name: string): boolean {
  return COMMANDS.some((c) => c.name === name);
}

/**
 * Turns a complaint of the argument parser about `kiln <command> ...` into a UsageError that
 * says what is wrong in kiln's words and shows the command's usage.
 */
export function usageError(argv: readonly string[], message: string): UsageError {
  const command = argv[0];
  const usage = COMMANDS.find((c) => c.name === command);
  if (usage === undefined) return unknownCommandError(command);
  const text = translate(usage, message, argv);
  return new UsageError(
    `${usage.name}: ${text}\nUsage: kiln ${usage.synopsis}\nRun "kiln ${usage.name} --help" for details.`,
  );
}

function translate(usage: CommandUsage, message: string, argv: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown !== null) {
    const names = (unknown[1] as string).split(', ');
    // yargs names a hyphenated unknown option twice: as given and camel-cased.
    const camel = (name: string): string =>
      name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const shown = names.filter(
      (name) => !names.some((other) => other !== name && camel(other) === name),
    );
    return shown.map((name) => unknownArgument(usage, name, argv)).join('; ');
  }
  if (
    /^Not enough non-option arguments/.test(message) ||
    /^Missing required argument/.test(message)
  ) {
    const needed = usage.synopsis.match(/<[^>]+>/g) ?? [];
    return `missing argument${needed.length > 1 ? 's' : ''}: ${needed.join(' ')}`;
  }
  const notEnough = /^Not enough arguments following: (.*)$/.exec(message);
  if (notEnough !== null) return `--${notEnough[1]} needs a value`;
  const invalid = /^Invalid values:\s*Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message);
  if (invalid !== null) return `${invalid[1]} must be one of ${invalid[3]} (got ${invalid[2]})`;
  return message.charAt(0).toLowerCase() + message.slice(1);
}

// yargs names an unknown option without its dashes, and an extra positional argument as given.
function unknownArgument(usage: CommandUsage, name: string, argv: readonly string[]): string {
  const given = argv.find((a) => a.replace(/^-+/, '').split('=')[0] === name && a.startsWith('-'));
  if (given === undefined) return `unexpected argument "${name}"`;
  const guess = closestName(name, usage.options);
  return guess === undefined
    ? `unknown option ${given.split('=')[0]} (options: ${usage.options.map((o) => `--${o}`).join(', ')})`
    : `unknown option ${given.split('=')[0]} (did you mean --${guess}?)`;
}
