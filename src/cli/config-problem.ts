// The problem of a run or tune config, built so that what it refuses names the config file, and
// the field when the error knows it (an OptionError): the user reads which file to edit.
import { ConfigError, OptionError, ParameterError, ProblemError } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import { buildProblem } from '../problems/build.js';
import type { ProblemConfig } from '../config/run-config.js';
import type { ModuleProblemConfig } from '../problems/user-module.js';
import { objectivesPlacementIssues } from '../config/objectives-placement.js';
import { checkObjectives, parameterNamesOf } from '../multi-objective/objectives.js';

/** Fields of the problem block that the config sets at its top level (`objectives`, `space`). */
export type LiftedFields = readonly ('objectives' | 'space')[];

/** A run or tune config as far as its problem goes. */
export interface ProblemConfigFields {
  problem: ProblemConfig | ModuleProblemConfig;
  objectives?: unknown;
  /** Tune configs only: the space at the top level. */
  space?: unknown;
}

/**
 * The problem of `config`: its top-level objectives are checked (where they may stand, then as
 * declarations, against the space's parameter names) and travel with a top-level space in the
 * problem block, the spec worker threads rebuild the problem from.
 * @throws ConfigError at the config path of the field an OptionError names; any other problem
 * or parameter error with the config file in front of its message
 */
export async function buildConfigProblem(
  config: ProblemConfigFields,
  baseDir: string,
  configPath: string,
): Promise<Problem<unknown>> {
  const placement = objectivesPlacementIssues(config);
  if (placement.length > 0) throw new ConfigError(configPath, placement);
  const space = config.space ?? (config.problem as { space?: unknown }).space;
  const objectives =
    config.objectives === undefined
      ? undefined
      : checkObjectives(config.objectives, configPath, '/objectives', parameterNamesOf(space));
  const lifted: LiftedFields = [
    ...(objectives === undefined ? [] : (['objectives'] as const)),
    ...(config.space === undefined ? [] : (['space'] as const)),
  ];
  const block = {
    ...config.problem,
    ...(config.space === undefined ? {} : { space: config.space }),
    ...(objectives === undefined ? {} : { objectives }),
  } as ProblemConfig | ModuleProblemConfig;
  try {
    return await buildProblem(block, { baseDir });
  } catch (error) {
    throw inConfigFile(error, configPath, lifted);
  }
}

/** `error` as the config file's error (see buildConfigProblem); other errors as they are. */
export function inConfigFile(error: unknown, configPath: string, lifted: LiftedFields): unknown {
  if (error instanceof OptionError) {
    const top = lifted.find(
      (field) => error.path === `/${field}` || error.path.startsWith(`/${field}/`),
    );
    return new ConfigError(configPath, [
      {
        path: top === undefined ? `/problem${error.path}` : error.path,
        message: error.issue,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
      },
    ]);
  }
  // What the problem or its parameters refuse; not a file the config names, which the error
  // already names (a teacher model that is not JSON).
  if (
    (error instanceof ProblemError || error instanceof ParameterError) &&
    !error.message.includes(configPath)
  )
    return new ProblemError(`${configPath}: ${error.message}`);
  return error;
}
