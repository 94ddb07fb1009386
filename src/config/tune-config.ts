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
import { budgetSchema, commonConfigFields } from './schema-parts.js';
import { spaceSchema } from './space-schema.js';
import { prunerSchema, type PrunerConfig } from '../runners/pruners/pruner-config.js';

/** A problem block naming a user's module. */
export interface ModuleBlock {
  module: string;
  export?: string;
  maximize?: boolean;
  name?: string;
}

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
  budget: Budget;
  seed?: number;
  workers?: number;
  timeoutSeconds?: number;
  output?: string;
}

/** The solver a study uses when the config names none. */
export const DEFAULT_TUNE_SOLVER: SolverConfig = { type: 'tpe' };

const moduleBlockSchema: JsonSchema = {
  type: 'object',
  description: "A user's objective: an async function from a parameter object to a number.",
  required: ['module'],
  properties: {
    module: {
      type: 'string',
      minLength: 1,
      description: 'Path of the module (.js, .mjs or .ts), relative to the config file.',
    },
    export: {
      type: 'string',
      minLength: 1,
      description: 'The exported objective (default: the default export).',
    },
    maximize: { type: 'boolean', description: 'Maximize the objective instead of minimizing it.' },
    name: { type: 'string', description: 'A name for reports.' },
  },
  additionalProperties: false,
};

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
      timeoutSeconds: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Per-trial time limit; a hung trial is ended and marked failed.',
      },
    },
    if: { properties: { problem: { required: ['module'] } } },
    then: { required: ['space'] },
    additionalProperties: false,
  };
}
