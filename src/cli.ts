#!/usr/bin/env node
// The kiln command line: run, tune, batch, report, train, predict and list, built with yargs.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { batchCommand } from './cli/batch-command.js';
import { exportCommand } from './cli/export-command.js';
import { mergeCommand } from './cli/merge-command.js';
import { reportError } from './cli/errors.js';
import { importanceCommand } from './cli/importance-command.js';
import { processIo, type CliIo } from './cli/io.js';
import { checkOverrides } from './cli/overrides.js';
import { isCommand, unknownCommandError, usageError } from './cli/usage.js';
import { listCommand } from './cli/list-command.js';
import { predictCommand } from './cli/predict-command.js';
import { quantizeCommand } from './cli/quantize-command.js';
import { reportCommand } from './cli/report-command.js';
import { runCommand } from './cli/run-command.js';
import { trainCommand } from './cli/train-command.js';
import { tuneCommand } from './cli/tune-command.js';
import { queueChoice } from './cli/queue-coordination.js';
import { workerCommand } from './cli/worker-command.js';

// Options several commands share. --seed, --workers, --output and --memory-limit-mb arrive as text and are checked
// by checkOverrides with the config's own rules.
const JSON_OPTION = {
  type: 'boolean',
  default: false,
  describe: 'Print one JSON document on stdout',
} as const;
const OUTPUT_OPTION = {
  type: 'string',
  describe: "Output folder (overrides the config's)",
} as const;

function configArgument(kind: string) {
  return {
    type: 'string',
    demandOption: true,
    describe: `Path of the ${kind} config (JSON)`,
  } as const;
}

const MEMORY_LIMIT_OPTION = {
  type: 'string',
  describe: "Heap limit of each worker thread in MB (overrides the config's memoryLimitMb)",
} as const;

function seedOption(of: string) {
  return {
    type: 'string',
    describe: `Seed of the ${of}, an integer >= 0 (overrides the config's)`,
  } as const;
}

function workersOption(describe: string) {
  return { type: 'string', describe } as const;
}

const QUEUE_OPTION = {
  type: 'string',
  describe:
    'Send the work to `kiln worker` processes through this Redis queue, redis://[user:password@]host[:port][/db] or rediss:// (default: KILN_QUEUE); --workers N then adds N local threads (default 0)',
} as const;

// With a queue, --workers counts local threads and may be 0; without, the config's rules apply.
function queueOverrides(args: { queue?: string | undefined; workers?: unknown }) {
  const queue = queueChoice(args);
  return queue === undefined ? undefined : { queue };
}

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
  const guard =
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
  const parser = yargs(argv.slice())
    .scriptName('kiln')
    .usage('$0 <command> [options]')
    .command(
      'run <config>',
      'Run a solver on a problem as a config file describes',
      (y) =>
        y
          .positional('config', configArgument('run'))
          .option('seed', seedOption('run'))
          .option('output', OUTPUT_OPTION)
          .option(
            'workers',
            workersOption("Worker threads (overrides the config's; 1 = this thread)"),
          )
          .option('memory-limit-mb', MEMORY_LIMIT_OPTION)
          .option('json', JSON_OPTION),
      guard((args) =>
        runCommand(
          {
            config: args.config,
            json: args.json,
            ...checkOverrides(args, ['seed', 'workers', 'output', 'memoryLimitMb']),
          },
          io,
        ),
      ),
    )
    .command(
      'tune <config>',
      'Tune hyperparameters: a study on worker threads, resumable from its output folder',
      (y) =>
        y
          .positional('config', configArgument('tune'))
          .option('seed', seedOption('study'))
          .option('workers', workersOption("Worker threads (overrides the config's)"))
          .option('output', OUTPUT_OPTION)
          .option('memory-limit-mb', MEMORY_LIMIT_OPTION)
          .option('report', {
            type: 'boolean',
            default: false,
            describe: 'Keep report.html in the output folder up to date as the study goes',
          })
          .option('queue', QUEUE_OPTION)
          .option('json', JSON_OPTION),
      guard((args) => {
        const queued = queueOverrides(args);
        return tuneCommand(
          {
            config: args.config,
            json: args.json,
            report: args.report,
            ...checkOverrides(
              args,
              queued === undefined
                ? ['seed', 'workers', 'output', 'memoryLimitMb']
                : ['seed', 'output', 'memoryLimitMb'],
            ),
            ...queued,
          },
          io,
        );
      }),
    )
    .command(
      'batch <config>',
      'Run every (problem, solver variant, seed) of a batch config on worker threads; resumable',
      (y) =>
        y
          .positional('config', configArgument('batch'))
          .option('output', OUTPUT_OPTION)
          .option('workers', workersOption("Worker threads, one run each (overrides the config's)"))
          .option('retry-failed', {
            type: 'boolean',
            default: false,
            describe: 'Run again the runs the journal records as failed',
          })
          .option('memory-limit-mb', MEMORY_LIMIT_OPTION)
          .option('queue', QUEUE_OPTION)
          .option('json', JSON_OPTION),
      guard((args) => {
        const queued = queueOverrides(args);
        return batchCommand(
          {
            config: args.config,
            json: args.json,
            retryFailed: args.retryFailed,
            ...checkOverrides(
              args,
              queued === undefined
                ? ['output', 'workers', 'memoryLimitMb']
                : ['output', 'memoryLimitMb'],
            ),
            ...queued,
          },
          io,
        );
      }),
    )
    .command(
      'worker',
      'Take trials and batch runs from a Redis queue and run them on worker threads, until stopped',
      (y) =>
        y
          .option('queue', {
            type: 'string',
            describe:
              'The queue, redis://[user:password@]host[:port][/db] or rediss:// (default: KILN_QUEUE)',
          })
          .option('threads', { type: 'string', describe: 'Worker threads (default: the CPUs)' })
          .option('root', {
            type: 'string',
            describe:
              "Folder the jobs' paths are relative to; modules and data outside it are refused (default: the working directory)",
          })
          .option('lock-seconds', {
            type: 'string',
            describe:
              "Lock and stalled-check interval: a dead worker's job runs again elsewhere after 1-3 times this (default 30)",
          })
          .option('memory-limit-mb', {
            type: 'string',
            describe: 'Heap limit of each worker thread in MB',
          })
          .option('prefetch', {
            type: 'string',
            describe:
              'Jobs held beyond one per thread, waiting for a free thread: auto (a few while jobs are short, none while they are long) or a number (default auto)',
          })
          .option('json', {
            type: 'boolean',
            default: false,
            describe: 'Print one JSON line per event (ready, start, done, stopped) on stdout',
          }),
      guard((args) =>
        workerCommand(
          {
            json: args.json,
            ...(args.queue === undefined ? {} : { queue: args.queue }),
            ...(args.threads === undefined ? {} : { threads: args.threads }),
            ...(args.root === undefined ? {} : { root: args.root }),
            ...(args.lockSeconds === undefined ? {} : { lockSeconds: args.lockSeconds }),
            ...(args.memoryLimitMb === undefined ? {} : { memoryLimitMb: args.memoryLimitMb }),
            ...(args.prefetch === undefined ? {} : { prefetch: args.prefetch }),
          },
          io,
        ),
      ),
    )
    .command(
      'report <folder>',
      'Write the HTML report of a study or batch output folder (a batch also gets its summary files)',
      (y) =>
        y
          .positional('folder', {
            type: 'string',
            demandOption: true,
            describe: 'Output folder of kiln tune or kiln batch',
          })
          .option('output', {
            type: 'string',
            describe: 'Path of the HTML report (default: report.html in the folder)',
          })
          .option('json', JSON_OPTION),
      guard((args) =>
        reportCommand(
          {
            folder: args.folder,
            json: args.json,
            ...(args.output === undefined ? {} : { output: args.output }),
          },
          io,
        ),
      ),
    )
    .command(
      'importance <folder>',
      "The importance of each parameter of a study (PED-ANOVA over its journal's trials)",
      (y) =>
        y
          .positional('folder', {
            type: 'string',
            demandOption: true,
            describe: 'Output folder of kiln tune',
          })
          .option('json', JSON_OPTION),
      guard((args) => importanceCommand({ folder: args.folder, json: args.json }, io)),
    )
    .command(
      'train <config>',
      'Train a dense network on a dataset as a config file describes',
      (y) =>
        y
          .positional('config', configArgument('train'))
          .option('seed', seedOption('run'))
          .option('output', OUTPUT_OPTION)
          .option('json', JSON_OPTION),
      guard((args) =>
        trainCommand(
          {
            config: args.config,
            json: args.json,
            ...checkOverrides(args, ['seed', 'output']),
          },
          io,
        ),
      ),
    )
    .command(
      'predict <model> <data>',
      "Predict the rows of a CSV file with a trained model (kiln train's model.json)",
      (y) =>
        y
          .positional('model', {
            type: 'string',
            demandOption: true,
            describe: 'Path of model.json',
          })
          .positional('data', {
            type: 'string',
            demandOption: true,
            describe: "CSV file with a header row naming the model's feature columns",
          })
          .option('json', JSON_OPTION),
      guard((args) => predictCommand({ model: args.model, data: args.data, json: args.json }, io)),
    )
    .command(
      'quantize <model>',
      'Quantize a trained model after training (int8 or fewer weight bits, 8-bit activations)',
      (y) =>
        y
          .positional('model', {
            type: 'string',
            demandOption: true,
            describe: "Path of a float model.json (kiln train's)",
          })
          .option('calibration', {
            type: 'string',
            describe:
              "Dataset name (its training rows, the first 10,000 at most; accuracy on its test rows) or CSV file to calibrate the activation ranges on (default: the model's training dataset)",
          })
          .option('weights', {
            type: 'string',
            choices: ['int', 'nf4'] as const,
            default: 'int' as const,
            describe:
              'int: integer weights of --weights-bits with 8-bit activations; nf4: 4-bit NormalFloat weights (blocks of 64, double quantization), float activations',
          })
          .option('weights-bits', {
            type: 'number',
            choices: [8, 4, 3, 2],
            default: 8,
            describe: 'Bits per weight',
          })
          .option('scheme', {
            type: 'string',
            choices: ['per-channel', 'per-tensor'] as const,
            default: 'per-channel' as const,
            describe: 'One weight scale per output row, or one per layer',
          })
          .option('observer', {
            type: 'string',
            choices: ['minmax', 'moving-average', 'percentile'] as const,
            default: 'minmax' as const,
            describe: 'How activation ranges are observed',
          })
          .option('convention', {
            type: 'string',
            choices: ['torch', 'onnx'] as const,
            default: 'torch' as const,
            describe:
              "Rounding: PyTorch's (reciprocal multiply, float64 requantization) or ONNX Runtime's (division, float32)",
          })
          .option('output', {
            type: 'string',
            describe: 'Path of the quantized model (default: <model>-int<bits>.json beside it)',
          })
          .option('json', JSON_OPTION),
      guard((args) =>
        quantizeCommand(
          {
            model: args.model,
            json: args.json,
            weightsBits: args.weightsBits as 8 | 4 | 3 | 2,
            weights: args.weights,
            scheme: args.scheme,
            observer: args.observer,
            convention: args.convention,
            ...(args.calibration === undefined ? {} : { calibration: args.calibration }),
            ...(args.output === undefined ? {} : { output: args.output }),
          },
          io,
        ),
      ),
    )
    .command(
      'export <model>',
      'Export a float or quantized model (normalization included) to ONNX',
      (y) =>
        y
          .positional('model', {
            type: 'string',
            demandOption: true,
            describe: 'Path of model.json (kiln train) or a quantized model (kiln quantize)',
          })
          .option('format', {
            type: 'string',
            choices: ['onnx'] as const,
            default: 'onnx' as const,
            describe: 'File format',
          })
          .option('form', {
            type: 'string',
            choices: ['integer', 'qdq'] as const,
            default: 'integer' as const,
            describe:
              "Quantized models: integer (MatMulInteger, bit-exact to kiln's onnx convention) or qdq (QuantizeLinear/DequantizeLinear around float MatMuls)",
          })
          .option('output', {
            type: 'string',
            describe: 'Path of the ONNX file (default: <model>.onnx beside it)',
          })
          .option('json', JSON_OPTION),
      guard((args) =>
        exportCommand(
          {
            model: args.model,
            format: args.format,
            form: args.form,
            json: args.json,
            ...(args.output === undefined ? {} : { output: args.output }),
          },
          io,
        ),
      ),
    )
    .command(
      'merge <base> <adapter>',
      "Merge a fine-tuning run's adapter.json into the base model it was trained on",
      (y) =>
        y
          .positional('base', {
            type: 'string',
            demandOption: true,
            describe: 'Path of the base model.json the adapter names by content hash',
          })
          .positional('adapter', {
            type: 'string',
            demandOption: true,
            describe: 'Path of adapter.json (kiln train with lora, freeze or newHead)',
          })
          .option('output', {
            type: 'string',
            describe: 'Path of the merged model (default: <adapter>-merged.json beside it)',
          })
          .option('json', JSON_OPTION),
      guard((args) =>
        mergeCommand(
          {
            base: args.base,
            adapter: args.adapter,
            json: args.json,
            ...(args.output === undefined ? {} : { output: args.output }),
          },
          io,
        ),
      ),
    )
    .command(
      'list [what]',
      'List the solvers and problems with their parameters and defaults',
      (y) =>
        y
          .positional('what', {
            choices: ['all', 'solvers', 'problems'] as const,
            default: 'all' as const,
          })
          .option('json', JSON_OPTION),
      guard((args) => listCommand({ json: args.json, what: args.what }, io)),
    )
    .demandCommand(1)
    .strict()
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
  // quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
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
