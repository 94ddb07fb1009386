// The yargs definitions of the commands that report: report (the HTML report of a study or batch),
// importance (of a study's parameters) and list (the solvers and problems).
import { JSON_OPTION, type CommandLine } from './command-options.js';
import { importanceCommand } from './importance-command.js';
import { listCommand } from './list-command.js';
import { reportCommand } from './report-command.js';

/** Defines `kiln report <folder>`. */
export const reportCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
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
  );

/** Defines `kiln importance <folder>`. */
export const importanceCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
    'importance <folder>',
    "The importance of each parameter of a study (PED-ANOVA over its journal's trials)",
    (y) =>
      y
        .positional('folder', {
          type: 'string',
          demandOption: true,
          describe: 'Output folder of kiln tune',
        })
        .option('json', JSON_OPTION)
        .option('objective', {
          type: 'string',
          describe:
            "A multi-objective study's objective, by name (each objective's importances when left out)",
        }),
    guard((args) =>
      importanceCommand(
        {
          folder: args.folder,
          json: args.json,
          ...(args.objective === undefined ? {} : { objective: args.objective }),
        },
        io,
      ),
    ),
  );

/** Defines `kiln list [what]`. */
export const listCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
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
  );
