// The tune config (`kiln tune`): a study over a built-in trainer problem or a user's module,
// its JSON Schema built from the registries, and its type.
import type { JsonSchema } from '../core/solver.js';
import type { Budget } from '../runners/budget.js';
import {
  problemBlockSchema,
  solverBlockSchema,
  type ProblemConfig,
  type SolverConfig,
} from './run-config.js';
import {
  budgetSchema,
  commonConfigFields,
  memoryLimitMbSchema,
  timeoutSecondsSchema,
} from './schema-parts.js';
import { spaceSchema } from './space-schema.js';
import { moduleBlockSchema, type ModuleBlock } from './module-block.js';
import { prunerSchema, type PrunerConfig } from '../runners/pruners/pruner-config.js';
import { objectivesSchema, type ObjectiveDeclaration } from '../multi-objective/objectives.js';

export type { ModuleBlock } from './module-block.js';

/** A validated tune config. */
export interface TuneConfig {
  $schema?: string;
  description?: string;
  problem: ProblemConfig | ModuleBlock;
  /** The search space (required for module problems; overrides a built-in problem's default). */
  space?: Record<string, unknown>;
  solver?: SolverConfig;
  /** Stops unpromising trials early from their intermediate values. */
  pruner?: PrunerConfig;
  /** A multi-objective study: the objectives (two or more), in the order the objective returns them. */
  objectives?: ObjectiveDeclaration[];
  /** Multi-objective studies: the hypervolume's reference point by objective name. */
  referencePoint?: number[] | Record<string, number>;
  budget: Budget;
  seed?: number;
  workers?: number;
  timeoutSeconds?: number;
  memoryLimitMb?: number;
  output?: string;
}

/** The solver a study uses when the config names none. */
export const DEFAULT_TUNE_SOLVER: SolverConfig = { type: 'tpe' };

/** The solver a multi-objective study uses when the config names none. */
export const DEFAULT_MULTI_OBJECTIVE_TUNE_SOLVER: SolverConfig = { type: 'motpe' };

/** The JSON Schema of tune configs (shipped as schemas/tune.schema.json). */
export function tuneConfigSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kiln tune config',
    description: 'A hyperparameter study: `kiln tune <config>`.',
    type: 'object',
    required: ['problem', 'budget'],
    properties: {
      ...commonConfigFields,
      problem: {
        if: { type: 'object', required: ['module'] },
        then: moduleBlockSchema,
        else: problemBlockSchema(),
      },
      space: spaceSchema,
      solver: solverBlockSchema(),
      pruner: prunerSchema(),
      objectives: {
        ...objectivesSchema,
        description:
          'A multi-objective study (default solver motpe): the objectives, in the order a module objective returns them as an array (or the names of the object it returns). Trainer problems measure error, parameters, bytes and trainingSeconds.',
      },
      referencePoint: {
        description:
          "Multi-objective studies: the reference point of the hypervolume, in the objectives' own terms: an array in objective order or an object by objective name; derived from the front and reported when left out.",
        oneOf: [
          { type: 'array', items: { type: 'number' } },
          { type: 'object', additionalProperties: { type: 'number' } },
        ],
      },
      budget: {
        ...budgetSchema,
        description:
          'When to stop: `evaluations` counts trials, `epochs` the training epochs of all trials.',
        properties: {
          ...(budgetSchema.properties as Record<string, JsonSchema>),
          epochs: {
            type: 'integer',
            minimum: 1,
            description:
              'Training epochs over all trials (k-fold: k per epoch of a trial); running trials are counted at the mean of the finished ones.',
          },
        },
      },
      timeoutSeconds: timeoutSecondsSchema,
      memoryLimitMb: memoryLimitMbSchema,
    },
    if: { properties: { problem: { required: ['module'] } } },
    then: { required: ['space'] },
    additionalProperties: false,
  };
}
