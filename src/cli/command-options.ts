// What the yargs definitions of kiln's commands share: the common options, and the types of a
// command's definition and of the guard around its handler.
import type { Argv } from 'yargs';
import type { CliIo } from './io.js';
import { checkOverrides, type Overrides } from './overrides.js';
import { queueChoice } from './queue-coordination.js';

/**
 * Wraps a command's handler: records its exit code, and reports what it throws instead of
 * letting it escape.
 */
export type CommandGuard = <A>(
  handler: (args: A) => Promise<number> | number,
) => (args: A) => Promise<void>;

/** Adds one command (its positionals, options, help text and guarded handler) to the parser. */
export type CommandLine = (parser: Argv, guard: CommandGuard, io: CliIo) => Argv;

// Options several commands share. --seed, --workers, --output and --memory-limit-mb arrive as text and are checked
// by checkOverrides with the config's own rules.
export const JSON_OPTION = {
  type: 'boolean',
  default: false,
  describe: 'Print one JSON document on stdout',
} as const;
export const OUTPUT_OPTION = {
  type: 'string',
  describe: "Output folder (overrides the config's)",
} as const;

export function configArgument(kind: string) {
  return {
    type: 'string',
    demandOption: true,
    describe: `Path of the ${kind} config (JSON)`,
  } as const;
}

export const MEMORY_LIMIT_OPTION = {
  type: 'string',
  describe: "Heap limit of each worker thread in MB (overrides the config's memoryLimitMb)",
} as const;

export function seedOption(of: string) {
  return {
    type: 'string',
    describe: `Seed of the ${of}, an integer >= 0 (overrides the config's)`,
  } as const;
}

export function workersOption(describe: string) {
  return { type: 'string', describe } as const;
}

export const QUEUE_OPTION = {
  type: 'string',
  describe:
    'Send the work to `kiln worker` processes through this Redis queue, redis://[user:password@]host[:port][/db] or rediss:// (default: KILN_QUEUE); --workers N then adds N local threads (default 0)',
} as const;

/**
 * The checked overrides `names` of a command that can send its work to a queue, with the queue
 * when there is one. With a queue, --workers counts local threads and may be 0 (the queue choice
 * checks it), so it is no override of the config's `workers`; without, the config's rules apply.
 */
export function overridesWithQueue(
  args: Record<string, unknown> & { queue?: string | undefined; workers?: unknown },
  names: readonly (keyof Overrides)[],
) {
  const queue = queueChoice(args);
  if (queue === undefined) return checkOverrides(args, names);
  return {
    ...checkOverrides(
      args,
      names.filter((name) => name !== 'workers'),
    ),
    queue,
  };
}
