// The yargs definitions of the optimization commands: run, tune and batch (on worker threads or
// a Redis queue) and worker (which serves such a queue).
import { batchCommand } from './batch-command.js';
import {
  configArgument,
  JSON_OPTION,
  MEMORY_LIMIT_OPTION,
  OUTPUT_OPTION,
  overridesWithQueue,
  QUEUE_OPTION,
  seedOption,
  workersOption,
  type CommandLine,
} from './command-options.js';
import { checkOverrides } from './overrides.js';
import { runCommand } from './run-command.js';
import { tuneCommand } from './tune-command.js';
import { workerCommand } from './worker-command.js';

/** Defines `kiln run <config>`. */
export const runCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
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
  );

/** Defines `kiln tune <config>`. */
export const tuneCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
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
    guard((args) =>
      tuneCommand(
        {
          config: args.config,
          json: args.json,
          report: args.report,
          ...overridesWithQueue(args, ['seed', 'workers', 'output', 'memoryLimitMb']),
        },
        io,
      ),
    ),
  );

/** Defines `kiln batch <config>`. */
export const batchCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
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
    guard((args) =>
      batchCommand(
        {
          config: args.config,
          json: args.json,
          retryFailed: args.retryFailed,
          ...overridesWithQueue(args, ['output', 'workers', 'memoryLimitMb']),
        },
        io,
      ),
    ),
  );

/** Defines `kiln worker`. */
export const workerCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
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
  );
