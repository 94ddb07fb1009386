// The run config (`kiln run`): its JSON Schema, built from the registries, and its type.
import { solvers } from '../algorithms/registry.js';
import type { JsonSchema } from '../core/solver.js';
import { problems } from '../problems/registry.js';
import type { Budget } from '../runners/budget.js';
import type { ModuleProblemConfig } from '../problems/user-module.js';
import { moduleProblemSchema } from './module-block.js';
import {
  budgetSchema,
  commonConfigFields,
  memoryLimitMbSchema,
  timeoutSecondsSchema,
  typedBlockSchema,
} from './schema-parts.js';
import { objectivesSchema, type ObjectiveDeclaration } from '../multi-objective/objectives.js';
import { referencePointSchema } from '../multi-objective/reference-point.js';

/** A problem block: a registry type with its parameters. */
export interface ProblemConfig {
  type: string;
  /** Maximize the objective instead of minimizing it. */
  maximize?: boolean;
  [parameter: string]: unknown;
}

/** A solver block: a registry name with its parameters. */
export interface SolverConfig {
  type: string;
  [parameter: string]: unknown;
}

/** A validated run config. */
export interface RunConfig {
  $schema?: string;
  description?: string;
  /** A registry problem, or a user module with its `space`. */
  problem: ProblemConfig | ModuleProblemConfig;
  solver: SolverConfig;
  budget: Budget;
  /**
   * A module objective with several objectives (or a trainer problem's measures): the
   * objectives, in the order the objective returns them.
   */
  objectives?: ObjectiveDeclaration[];
  /** Multi-objective problems: the hypervolume's reference point (derived when absent). */
  referencePoint?: number[] | Record<string, number>;
  seed?: number;
  workers?: number;
  /** Per-evaluation time limit in seconds (evaluations then run on worker threads). */
  timeoutSeconds?: number;
  /** Per-worker JavaScript heap limit in MB. */
  memoryLimitMb?: number;
  output?: string;
}

/** Fields every problem block accepts, whatever its type. */
export const problemCommonFields: Record<string, JsonSchema> = {
  maximize: { type: 'boolean', description: 'Maximize the objective instead of minimizing it.' },
};

/** The problem block schema over every registered problem type. */
export function problemBlockSchema(): JsonSchema {
  const entries = problems
    .entries()
    .map((p) => ({ name: p.type, description: p.description, paramsSchema: p.paramsSchema }));
  return typedBlockSchema('problem', entries, problemCommonFields);
}

/** The solver block schema over every registered solver. */
export function solverBlockSchema(): JsonSchema {
  const entries = solvers
    .entries()
    .map((s) => ({ name: s.name, description: s.description, paramsSchema: s.paramsSchema }));
  return typedBlockSchema('solver', entries);
}

/** The JSON Schema of run configs (shipped as schemas/run.schema.json). */
export function runConfigSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kiln run config',
    description: 'One run of a solver on a problem: `kiln run <config>`.',
    type: 'object',
    required: ['problem', 'solver', 'budget'],
    properties: {
      ...commonConfigFields,
      problem: {
        if: { type: 'object', required: ['module'] },
        then: moduleProblemSchema,
        else: problemBlockSchema(),
      },
      solver: solverBlockSchema(),
      budget: budgetSchema,
      timeoutSeconds: timeoutSecondsSchema,
      memoryLimitMb: memoryLimitMbSchema,
      objectives: {
        ...objectivesSchema,
        description:
          'A module objective with several objectives: the objectives, in the order it returns them as an array (or the names of the object it returns); trainer problems measure error, parameters, bytes and trainingSeconds. The test problems (zdt1, ...) declare their own.',
      },
      referencePoint: referencePointSchema,
    },
    additionalProperties: false,
  };
}
